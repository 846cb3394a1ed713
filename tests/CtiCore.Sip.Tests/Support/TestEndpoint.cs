using System.Collections.Concurrent;
using System.Net;
using CtiCore.Sip.Endpoint;
using CtiCore.Sip.Messages;
using CtiCore.Sip.Transport;
using Microsoft.Extensions.Time.Testing;

namespace CtiCore.Sip.Tests.Support;

/// <summary>A <see cref="SipEndpoint"/> without sockets: what it sends is captured and parsed back.</summary>
internal sealed class TestEndpoint
{
    public static readonly SipRemote Peer = new(new IPEndPoint(IPAddress.Loopback, 40000), SipTransportProtocol.Udp);

    public TestEndpoint(Func<string, string?>? passwordFor = null, ISipRequestHandler? handler = null, Action<SipEndpointOptions>? configure = null)
    {
        var options = new SipEndpointOptions { Port = 0 };
        configure?.Invoke(options);
        Handler = handler ?? new AnsweringHandler();
        Endpoint = new SipEndpoint(options, Handler, passwordFor, Time, Logger)
        {
            SendOverride = (bytes, _remote) => Sent.Enqueue(
                SipParser.TryParse(bytes.ToArray(), SipTransportFraming.Datagram, out var m, out SipRejectedException? _) ? m! : SipParser.ParseForErrorResponse(bytes.ToArray())!),
        };
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public RecordingLogger<SipEndpoint> Logger { get; } = new();

    public SipEndpoint Endpoint { get; }

    /// <summary>Unexpected failures the endpoint caught (EventId 4003): there must be none.</summary>
    public List<string> Failures => [.. Logger.Entries.Where(e => e.Id.Id == 4003).Select(e => e.Exception?.ToString() ?? e.Message)];

    public ISipRequestHandler Handler { get; }

    public ConcurrentQueue<SipMessage> Sent { get; } = new();

    public void Receive(byte[] datagram) => Endpoint.OnDatagram(datagram, Peer);

    /// <summary>The responses sent, provisional ones left out.</summary>
    public List<SipMessage> FinalResponses() => [.. Sent.Where(m => m.IsResponse && m.StatusCode >= 200)];
}

/// <summary>A UAS that answers every request 200 (INVITE with 180 first), as the corpus and endpoint tests need.</summary>
internal sealed class AnsweringHandler : ISipRequestHandler
{
    public List<SipMessage> Acks { get; } = [];

    public List<SipServerRequest> Cancelled { get; } = [];

    public bool AnswerInvites { get; set; } = true;

    public void OnRequest(SipServerRequest request)
    {
        if (request.Message.Method == SipMethod.Invite)
        {
            request.Respond(180);
            if (!AnswerInvites || request.Message.RequestUri.User == "cancel")
            {
                return;
            }
            request.Respond(request.CreateResponse(200)
                .Add(SipHeaderId.Contact, $"<sip:uas@127.0.0.1>"));
            return;
        }
        request.Respond(200);
    }

    public void OnAck(SipMessage ack, SipRemote remote) => Acks.Add(ack);

    public void OnCancelled(SipServerRequest invite) => Cancelled.Add(invite);
}
