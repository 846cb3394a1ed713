using System.Text.Json;
using CtiCore.Media.Recording;

namespace CtiCore.Server.Recording;

/// <summary>
/// One JSON file per call in <c>&lt;root&gt;/.sessions</c>, replaced atomically (<see cref="DurableFile"/>) — the same
/// disk and the same discipline as the encoder's job journal, so a session and the job it becomes share one fate.
/// </summary>
public sealed class RecordingSessionStore
{
    public const string Folder = ".sessions";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly string _directory;

    public RecordingSessionStore(RecordingStorageLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        _directory = Path.Combine(layout.Root, Folder);
        Directory.CreateDirectory(_directory);
    }

    public RecordingSession? Get(string callKey)
    {
        var path = PathOf(callKey);
        return File.Exists(path) ? JsonSerializer.Deserialize<RecordingSession>(File.ReadAllBytes(path), Json) : null;
    }

    public void Save(RecordingSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        DurableFile.WriteAtomically(PathOf(session.CallKey), JsonSerializer.SerializeToUtf8Bytes(session, Json));
    }

    public void Delete(string callKey) => File.Delete(PathOf(callKey));

    public IReadOnlyList<RecordingSession> List()
    {
        var sessions = new List<RecordingSession>();
        foreach (var path in Directory.EnumerateFiles(_directory, "*.json"))
        {
            try
            {
                if (JsonSerializer.Deserialize<RecordingSession>(File.ReadAllBytes(path), Json) is { } session)
                {
                    sessions.Add(session);
                }
            }
            catch (JsonException)
            {
                // Written atomically, so only a hand-edited file gets here; it must not stop the others.
            }
        }

        return sessions;
    }

    private string PathOf(string callKey) => Path.Combine(_directory, RecordingStorageLayout.ValidateCallKey(callKey) + ".json");
}
