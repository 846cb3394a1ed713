namespace CtiCore.Server.Configuration;

/// <summary>A setting is unusable (e.g. an unknown database kind); the message names the setting.</summary>
public sealed class StartupConfigurationException : Exception
{
    public StartupConfigurationException()
    {
    }

    public StartupConfigurationException(string message)
        : base(message)
    {
    }

    public StartupConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
