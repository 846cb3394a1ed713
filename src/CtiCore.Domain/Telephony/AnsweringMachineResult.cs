namespace CtiCore.Domain.Telephony;

/// <summary>What the PBX's answering-machine detection concluded about an answered campaign call.</summary>
public enum AnsweringMachineResult
{
    /// <summary>A person's greeting.</summary>
    Human,

    /// <summary>A recorded greeting: the PBX hangs up, the campaign retries later.</summary>
    Machine,

    /// <summary>The analysis ran out of time without deciding: treated as a person, never as a machine.</summary>
    NotSure,

    /// <summary>The callee hung up during the analysis.</summary>
    HungUp,
}
