namespace CtiCore.Sip.Transactions;

/// <summary>The states of RFC 3261 §17 Figures 5–8.</summary>
public enum SipTransactionState
{
    Calling,
    Trying,
    Proceeding,
    Completed,
    Confirmed,
    Terminated,
}
