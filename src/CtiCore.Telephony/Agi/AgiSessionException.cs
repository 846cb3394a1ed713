namespace CtiCore.Telephony.Agi;

/// <summary>The PBX side of a FastAGI session sent something that ends the session.</summary>
public sealed class AgiSessionException : Exception
{
    public AgiSessionException()
    {
    }

    public AgiSessionException(string message)
        : base(message)
    {
    }

    public AgiSessionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
