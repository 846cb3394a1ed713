using System.Globalization;

namespace CtiCore.Asterisk.Ami;

/// <summary>
/// Where and how to reach Asterisk's manager interface. Bound from the "Ami" configuration section
/// (<see cref="AmiServiceCollectionExtensions.AddAmiClient"/>) and validated on start by <see cref="AmiOptionsValidator"/>.
/// </summary>
public sealed class AmiOptions
{
    public const string SectionName = "Ami";

    /// <summary>Asterisk's AMI address. Default 127.0.0.1: AMI is clear text and belongs on loopback.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>AMI TCP port. Default 5038 (manager.conf port).</summary>
    public int Port { get; set; } = 5038;

    /// <summary>The manager.conf user. Required.</summary>
    public string Username { get; set; } = string.Empty;

    /// <summary>The user's secret. Required; never logged, hidden by <see cref="ToString"/>.</summary>
    public string Secret { get; set; } = string.Empty;

    /// <summary>Default <see cref="AmiLoginMode.Md5Challenge"/>.</summary>
    public AmiLoginMode LoginMode { get; set; } = AmiLoginMode.Md5Challenge;

    /// <summary>The Login "Events:" value: "on", "off" or a class list. Default: the classes CtiCore uses.</summary>
    public string EventMask { get; set; } = "system,call,agent,user";

    /// <summary>How long one action may wait for its response. Default 10 s.</summary>
    public TimeSpan ActionTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long the TCP connect, banner and login may take. Default 10 s.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Ping period; a Ping without an answer within <see cref="ActionTimeout"/> breaks the connection. Default 15 s.</summary>
    public TimeSpan PingInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>First reconnect delay; it doubles per failed attempt up to <see cref="ReconnectMaxDelay"/>. Default 0.5 s.</summary>
    public TimeSpan ReconnectMinDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest reconnect delay. Default 30 s.</summary>
    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Capacity of the event channel between the socket reader and the consumer. When it is full, new events are
    /// dropped (counted and logged) rather than blocking the reader, and a resync runs once there is room again.
    /// Default 50,000: about 500 calls' worth of events with the filtered event mask.
    /// </summary>
    public int EventQueueCapacity { get; set; } = 50_000;

    /// <summary>Largest packet accepted from Asterisk; a bigger one breaks the connection. Default 1 MiB.</summary>
    public int MaxPacketBytes { get; set; } = 1024 * 1024;

    /// <summary>Secret shown as set or not, never its value.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"AmiOptions {{ Host = {Host}, Port = {Port}, Username = {Username}, Secret = {(string.IsNullOrEmpty(Secret) ? "<empty>" : "***")}, LoginMode = {LoginMode}, EventMask = {EventMask} }}");
}
