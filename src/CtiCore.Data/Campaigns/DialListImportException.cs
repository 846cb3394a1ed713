namespace CtiCore.Data.Campaigns;

/// <summary>The file as a whole cannot be imported (not CSV, no phone column, unknown campaign); the message says why and what to do.</summary>
public sealed class DialListImportException : Exception
{
    public DialListImportException()
    {
    }

    public DialListImportException(string message) : base(message)
    {
    }

    public DialListImportException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
