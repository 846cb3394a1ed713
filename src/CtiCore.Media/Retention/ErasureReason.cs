namespace CtiCore.Media.Retention;

/// <summary>Why a recording is erased; written to the job journal and the log.</summary>
public enum ErasureReason
{
    /// <summary>Its department's retention period has passed.</summary>
    RetentionExpired,

    /// <summary>The client asked for their data to be erased (GDPR art. 17).</summary>
    ClientRequest,
}
