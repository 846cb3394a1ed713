using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using CtiCore.Server.Realtime;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace CtiCore.RealtimeBench;

/// <summary>
/// The server's JSON hub protocol with one addition: the moment a ringing <c>Pop</c> is serialized for a connection
/// (the SignalR write) is recorded. Everything else is delegated unchanged.
/// </summary>
internal sealed class TimingHubProtocol(IHubProtocol inner) : IHubProtocol
{
    public string Name => inner.Name;

    public int Version => inner.Version;

    public TransferFormat TransferFormat => inner.TransferFormat;

    public bool IsVersionSupported(int version) => inner.IsVersionSupported(version);

    public bool TryParseMessage(ref ReadOnlySequence<byte> input, IInvocationBinder binder, [NotNullWhen(true)] out HubMessage? message) =>
        inner.TryParseMessage(ref input, binder, out message);

    public void WriteMessage(HubMessage message, IBufferWriter<byte> output)
    {
        Note(message);
        inner.WriteMessage(message, output);
    }

    public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message)
    {
        Note(message);
        return inner.GetMessageBytes(message);
    }

    private static void Note(HubMessage message)
    {
        if (message is InvocationMessage { Target: "Pop", Arguments: [ScreenPop { Stage: "ringing" } pop] })
        {
            LatencyRecorder.Write(pop.CallId);
        }
    }
}
