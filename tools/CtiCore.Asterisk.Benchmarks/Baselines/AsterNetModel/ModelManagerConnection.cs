using System.Net.Sockets;
using System.Reflection;
using System.Text;

namespace CtiCore.Asterisk.Benchmarks.Baselines.AsterNetModel;

/// <summary>
/// Models the event half of AsterNET's ManagerConnection (Manager/ManagerConnection.cs): the event classes are
/// registered by reflection once, each packet is built into an event object (<see cref="ModelEventBuilder"/>), and
/// the event is fired either on the reader thread (UseASyncEvents = false, AsterNET's default) or, with
/// UseASyncEvents = true, as <c>Task.Run(() =&gt; handler(this, e)).ContinueWith(...)</c>: one task per event, with
/// nothing that keeps two events of one call in order.
/// </summary>
public sealed class ModelManagerConnection(bool useAsyncEvents)
{
    private readonly Dictionary<int, ConstructorInfo> _eventClasses = ModelEventBuilder.RegisterEventClasses();

    /// <summary>Every event, whatever its type (AsterNET routes typed handlers through one internal event).</summary>
    public event EventHandler<ModelManagerEvent>? Events;

    /// <summary>Connects and runs the reader on a dedicated thread, as ManagerConnection.login starts mrReaderThread.</summary>
    public (ModelManagerReader Reader, Thread Thread) Start(TcpClient client, int? readSize = null)
    {
        var reader = new ModelManagerReader(this, client, Encoding.ASCII, readSize);
        var thread = new Thread(reader.Run) { IsBackground = true, Name = "AsterNET model reader" };
        thread.Start();
        return (reader, thread);
    }

    internal void DispatchEvent(Dictionary<string, string> packet)
    {
        var evt = ModelEventBuilder.BuildEvent(_eventClasses, this, packet);
        if (Events is not { } handler)
        {
            return;
        }

        if (useAsyncEvents)
        {
            Task.Run(() => handler(this, evt)).ContinueWith(static _ => { }, TaskScheduler.Default);
        }
        else
        {
            handler(this, evt);
        }
    }
}
