using System.Collections.Concurrent;
using CtiCore.Sip.Messages;

namespace CtiCore.Sip.Transactions;

/// <summary>
/// Holds live transactions and matches messages to them (§17.1.3, §17.2.3). A terminated transaction removes itself.
/// </summary>
public sealed class SipTransactionLayer
{
    private readonly ConcurrentDictionary<SipTransactionKey, SipServerTransaction> _servers = new();
    private readonly ConcurrentDictionary<SipTransactionKey, SipClientTransaction> _clients = new();
    private readonly TimeProvider _timeProvider;

    public SipTransactionLayer(SipTimerOptions timers, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timers);
        timers.Validate();
        Timers = timers;
        _timeProvider = timeProvider;
    }

    public SipTimerOptions Timers { get; }

    public int ServerCount => _servers.Count;

    public int ClientCount => _clients.Count;

    /// <summary>Passes a request to the server transaction it belongs to; false when it starts a new one.</summary>
    public bool TryMatchRequest(SipMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (_servers.TryGetValue(SipTransactionKey.ForServer(request), out var existing))
        {
            existing.ReceiveRequest(request);
            return true;
        }
        return false;
    }

    /// <summary>The server transaction a CANCEL targets (§9.2: same key, method INVITE).</summary>
    public SipServerTransaction? FindCancelled(SipMessage cancel)
    {
        ArgumentNullException.ThrowIfNull(cancel);
        var key = SipTransactionKey.ForServer(cancel) with { Method = SipMethod.Invite };
        return _servers.GetValueOrDefault(key);
    }

    public SipServerTransaction CreateServer(SipMessage request, bool reliable, Action<SipMessage> send)
    {
        ArgumentNullException.ThrowIfNull(request);
        SipServerTransaction transaction = request.Method == SipMethod.Invite
            ? new InviteServerTransaction(request, reliable, send, Timers, _timeProvider)
            : new NonInviteServerTransaction(request, reliable, send, Timers, _timeProvider);
        var key = transaction.Key;
        transaction.Terminated += (_, _) => _servers.TryRemove(new KeyValuePair<SipTransactionKey, SipServerTransaction>(key, transaction));
        if (transaction.State != SipTransactionState.Terminated)
        {
            _servers[key] = transaction;
        }
        return transaction;
    }

    public SipClientTransaction CreateClient(SipMessage request, bool reliable, Action<SipMessage> send)
    {
        ArgumentNullException.ThrowIfNull(request);
        SipClientTransaction transaction = request.Method == SipMethod.Invite
            ? new InviteClientTransaction(request, reliable, send, Timers, _timeProvider)
            : new NonInviteClientTransaction(request, reliable, send, Timers, _timeProvider);
        var key = transaction.Key;
        transaction.Terminated += (_, _) => _clients.TryRemove(new KeyValuePair<SipTransactionKey, SipClientTransaction>(key, transaction));
        _clients[key] = transaction;
        return transaction;
    }

    /// <summary>Passes a response to its client transaction; false for a stray (e.g. a retransmitted 2xx after Terminated).</summary>
    public bool TryMatchResponse(SipMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (_clients.TryGetValue(SipTransactionKey.ForClient(response), out var transaction))
        {
            transaction.ReceiveResponse(response);
            return true;
        }
        return false;
    }
}
