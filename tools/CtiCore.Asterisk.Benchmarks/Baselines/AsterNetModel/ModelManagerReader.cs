using System.Net.Sockets;
using System.Text;

namespace CtiCore.Asterisk.Benchmarks.Baselines.AsterNetModel;

/// <summary>
/// Models AsterNET's receive path (Manager/ManagerReader.cs), written by us from its documented behaviour:
/// <list type="bullet">
/// <item>a socket callback (NetworkStream.BeginRead/EndRead into a byte[] of TcpClient.ReceiveBufferSize) decodes each
///   chunk to a string and appends it to one string buffer (<c>lineBuffer += chunk</c>);</item>
/// <item>it then cuts lines off the front of that buffer one at a time: IndexOf('\n'), Substring(0, idx).Trim() for the
///   line and Substring(idx + 1) for the rest, so every line copies the whole remaining buffer (quadratic in the
///   chunk's size), and enqueues each line on a locked Queue&lt;string&gt;;</item>
/// <item>a dedicated reader thread dequeues lines; when the queue is empty it calls Thread.Sleep(50) and looks again;</item>
/// <item>each non-empty line goes through AddKeyValue into one packet dictionary (cleared after each packet); an empty
///   line hands the packet to the connection when it holds an "event" key.</item>
/// </list>
/// Responses, "Response: Follows" command output and the ping timer are left out: the replayed stream has none.
/// </summary>
public sealed class ModelManagerReader
{
    private const int IdleSleepMilliseconds = 50;

    private static readonly System.Globalization.CultureInfo English = System.Globalization.CultureInfo.GetCultureInfo("en");

    private readonly ModelManagerConnection _connection;
    private readonly NetworkStream _stream;
    private readonly Encoding _encoding;
    private readonly byte[] _lineBytes;
    private readonly Queue<string> _lineQueue = new();
    private readonly Dictionary<string, string> _packet = [];
    private string _lineBuffer = string.Empty;
    private DateTime _lastPacketTime;
    private bool _waitForIdentifier = true;
    private volatile bool _die;
    private volatile bool _disconnected;

    /// <param name="readSize">Null for AsterNET's choice, TcpClient.ReceiveBufferSize; a value to study its effect.</param>
    public ModelManagerReader(ModelManagerConnection connection, TcpClient client, Encoding encoding, int? readSize = null)
    {
        _connection = connection;
        _stream = client.GetStream();
        _encoding = encoding;
        _lineBytes = new byte[readSize ?? client.ReceiveBufferSize];
    }

    public int ReadSize => _lineBytes.Length;

    public bool Disconnected => _disconnected;

    public DateTime LastPacketTime => _lastPacketTime;

    public void Stop() => _die = true;

    /// <summary>Starts the socket callbacks, then runs the line loop on the calling (dedicated) thread.</summary>
    public void Run()
    {
        _stream.BeginRead(_lineBytes, 0, _lineBytes.Length, OnRead, null);
        while (!_die)
        {
            string line;
            lock (_lineQueue)
            {
                if (_lineQueue.Count == 0)
                {
                    line = null!;
                }
                else
                {
                    line = _lineQueue.Dequeue().Trim();
                }
            }

            if (line is null)
            {
                if (_disconnected)
                {
                    return;
                }

                Thread.Sleep(IdleSleepMilliseconds);
                continue;
            }

            // AsterNET stamps every line it takes, for its ping timer.
            _lastPacketTime = DateTime.Now;
            if (line.Length != 0)
            {
                if (_waitForIdentifier && line.StartsWith("Asterisk Call Manager", StringComparison.CurrentCulture))
                {
                    _waitForIdentifier = false;
                    continue;
                }

                // AsterNET looks for the start of command output on every line, lower-casing a trimmed copy of it;
                // this stream has none. (The analyzer's better comparison is exactly what AsterNET does not do.)
#pragma warning disable CA1862
                if (line.Trim().ToLower(English) == "response: follows")
#pragma warning restore CA1862
                {
                    throw new NotSupportedException("command output is not part of the modelled stream");
                }

                ModelEventBuilder.AddKeyValue(_packet, line);
                continue;
            }

            if (_packet.ContainsKey("event"))
            {
                _connection.DispatchEvent(_packet);
            }

            _packet.Clear();
        }
    }

    private void OnRead(IAsyncResult result)
    {
        try
        {
            var count = _stream.EndRead(result);
            if (count == 0)
            {
                _disconnected = true;
                return;
            }

            _lineBuffer += _encoding.GetString(_lineBytes, 0, count);
            lock (_lineQueue)
            {
                int idx;
                // The second, culture-sensitive IndexOf runs once per read, when no '\n' is left: AsterNET has it too.
                while (_lineBuffer.Length != 0 && ((idx = _lineBuffer.IndexOf('\n', StringComparison.Ordinal)) >= 0
                    || (idx = _lineBuffer.IndexOf("\n", StringComparison.CurrentCulture)) >= 0))
                {
                    var line = idx > 0 ? _lineBuffer[..idx].Trim() : string.Empty;
                    _lineBuffer = idx + 1 < _lineBuffer.Length ? _lineBuffer[(idx + 1)..] : string.Empty;
                    _lineQueue.Enqueue(line);
                }
            }

            if (!_die)
            {
                _stream.BeginRead(_lineBytes, 0, _lineBytes.Length, OnRead, null);
            }
        }
        catch (IOException)
        {
            _disconnected = true;
        }
        catch (ObjectDisposedException)
        {
            _disconnected = true;
        }
    }
}
