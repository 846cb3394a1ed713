namespace CtiCore.Asterisk.Benchmarks.Baselines.AsterNetModel;

// Models AsterNET's event object model (Manager/Event/ManagerEvent.cs and one hand-written class per event, such as
// NewChannelEvent.cs, VarSetEvent.cs, HangupEvent.cs): a base class whose common fields are plain settable
// properties, a constructor that stamps DateReceived with DateTime.Now, and an "Attributes" dictionary, created on
// first use, that collects every field which has no property. Only the 21 event types of the replayed capture are
// modelled; their properties are the fields Asterisk 22 sends, written by us. An event whose name has no class
// becomes ModelUnknownEvent, as AsterNET's UnknownEvent.

/// <summary>The common base of every modelled event (AsterNET: ManagerEvent).</summary>
public abstract class ModelManagerEvent
{
    protected ModelManagerEvent(ModelManagerConnection source)
    {
        DateReceived = DateTime.Now;
        Source = source;
    }

    /// <summary>Every field without a property, by lower-case name (AsterNET: ManagerEvent.Attributes).</summary>
    public Dictionary<string, string>? Attributes { get; set; }

    public string? Channel { get; set; }

    public DateTime DateReceived { get; set; }

    public string? Privilege { get; set; }

    public string? Server { get; set; }

    public ModelManagerConnection Source { get; set; }

    public double Timestamp { get; set; }

    public string? UniqueId { get; set; }

    /// <summary>Fields without a setter land here; a repeated key is appended (AsterNET: ManagerEvent.Parse).</summary>
    public virtual bool Parse(string key, string value)
    {
        Attributes ??= [];
        if (Attributes.TryGetValue(key, out var existing))
        {
            Attributes[key] = string.Concat(existing, "\r\n", value);
        }
        else
        {
            Attributes.Add(key, value);
        }

        return true;
    }

    /// <summary>The hook AsterNET calls before setting properties (ManagerEvent.ParseSpecial); identity here.</summary>
    public virtual Dictionary<string, string> ParseSpecial(Dictionary<string, string> attributes) => attributes;
}

/// <summary>A channel snapshot's fields (AsterNET: AbstractChannelEvent and its subclasses).</summary>
public abstract class ModelChannelEvent(ModelManagerConnection source) : ModelManagerEvent(source)
{
    public string? ChannelState { get; set; }

    public string? ChannelStateDesc { get; set; }

    public string? CallerIdNum { get; set; }

    public string? CallerIdName { get; set; }

    public string? ConnectedLineNum { get; set; }

    public string? ConnectedLineName { get; set; }

    public string? Language { get; set; }

    public string? AccountCode { get; set; }

    public string? Context { get; set; }

    public string? Exten { get; set; }

    public int Priority { get; set; }

    public string? Linkedid { get; set; }
}

/// <summary>The destination channel of a dial (AsterNET: DialBeginEvent, DialEndEvent).</summary>
public abstract class ModelDialEvent(ModelManagerConnection source) : ModelChannelEvent(source)
{
    public string? DestChannel { get; set; }

    public string? DestChannelState { get; set; }

    public string? DestChannelStateDesc { get; set; }

    public string? DestCallerIdNum { get; set; }

    public string? DestCallerIdName { get; set; }

    public string? DestConnectedLineNum { get; set; }

    public string? DestConnectedLineName { get; set; }

    public string? DestLanguage { get; set; }

    public string? DestAccountCode { get; set; }

    public string? DestContext { get; set; }

    public string? DestExten { get; set; }

    public int DestPriority { get; set; }

    public string? DestUniqueId { get; set; }

    public string? DestLinkedid { get; set; }
}

/// <summary>A bridge snapshot's fields (AsterNET: BridgeCreateEvent, BridgeEnterEvent...).</summary>
public abstract class ModelBridgeEvent(ModelManagerConnection source) : ModelChannelEvent(source)
{
    public string? BridgeUniqueId { get; set; }

    public string? BridgeType { get; set; }

    public string? BridgeTechnology { get; set; }

    public string? BridgeCreator { get; set; }

    public string? BridgeName { get; set; }

    public int BridgeNumChannels { get; set; }

    public string? BridgeVideoSourceMode { get; set; }
}

public sealed class ModelUnknownEvent(ModelManagerConnection source) : ModelManagerEvent(source);

public sealed class FullyBootedEvent(ModelManagerConnection source) : ModelManagerEvent(source)
{
    public string? Status { get; set; }

    public int Uptime { get; set; }

    public int LastReload { get; set; }
}

public sealed class SuccessfulAuthEvent(ModelManagerConnection source) : ModelManagerEvent(source)
{
    public string? Severity { get; set; }

    public string? Service { get; set; }

    public string? AccountId { get; set; }

    public string? SessionId { get; set; }

    public string? LocalAddress { get; set; }

    public string? RemoteAddress { get; set; }
}

public sealed class TestEvent(ModelManagerConnection source) : ModelManagerEvent(source)
{
    public string? Type { get; set; }

    public string? State { get; set; }
}

public sealed class NewChannelEvent(ModelManagerConnection source) : ModelChannelEvent(source);

public sealed class NewStateEvent(ModelManagerConnection source) : ModelChannelEvent(source);

public sealed class NewCallerIdEvent(ModelManagerConnection source) : ModelChannelEvent(source);

public sealed class NewConnectedLineEvent(ModelManagerConnection source) : ModelChannelEvent(source);

public sealed class MixMonitorStartEvent(ModelManagerConnection source) : ModelChannelEvent(source);

public sealed class VarSetEvent(ModelManagerConnection source) : ModelChannelEvent(source)
{
    public string? Variable { get; set; }

    public string? Value { get; set; }
}

public sealed class NewExtenEvent(ModelManagerConnection source) : ModelChannelEvent(source)
{
    public string? Extension { get; set; }

    public string? Application { get; set; }

    public string? AppData { get; set; }
}

public sealed class DialBeginEvent(ModelManagerConnection source) : ModelDialEvent(source)
{
    public string? DialString { get; set; }
}

public sealed class DialStateEvent(ModelManagerConnection source) : ModelDialEvent(source)
{
    public string? DialStatus { get; set; }
}

public sealed class DialEndEvent(ModelManagerConnection source) : ModelDialEvent(source)
{
    public string? DialStatus { get; set; }
}

public sealed class DeviceStateChangeEvent(ModelManagerConnection source) : ModelManagerEvent(source)
{
    public string? Device { get; set; }

    public string? State { get; set; }
}

public sealed class BridgeCreateEvent(ModelManagerConnection source) : ModelBridgeEvent(source);

public sealed class BridgeEnterEvent(ModelManagerConnection source) : ModelBridgeEvent(source);

public sealed class BridgeLeaveEvent(ModelManagerConnection source) : ModelBridgeEvent(source);

public sealed class BridgeDestroyEvent(ModelManagerConnection source) : ModelBridgeEvent(source);

public sealed class HangupRequestEvent(ModelManagerConnection source) : ModelChannelEvent(source)
{
    public int Cause { get; set; }
}

public sealed class SoftHangupRequestEvent(ModelManagerConnection source) : ModelChannelEvent(source)
{
    public int Cause { get; set; }
}

public sealed class HangupEvent(ModelManagerConnection source) : ModelChannelEvent(source)
{
    public int Cause { get; set; }

    public string? CauseTxt { get; set; }
}
