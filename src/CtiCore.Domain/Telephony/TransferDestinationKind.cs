namespace CtiCore.Domain.Telephony;

public enum TransferDestinationKind
{
    /// <summary>An endpoint such as "PJSIP/102".</summary>
    Endpoint = 0,

    /// <summary>An outside number in E.164.</summary>
    Number = 1,

    /// <summary>The PBX's voicemail for the department or mailbox in <see cref="TransferCommand.Destination"/>.</summary>
    Voicemail = 2,

    /// <summary>A prompt that takes a callback request and hangs up.</summary>
    CallbackRequest = 3,
}
