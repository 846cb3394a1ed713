using System.Text.Json.Serialization;

namespace CtiCore.Media.Recording;

/// <summary>The journal format of <see cref="FileRecordingJobStore"/>: indented JSON, enums by name, source-generated.</summary>
[JsonSourceGenerationOptions(WriteIndented = true, UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RecordingJob))]
internal sealed partial class RecordingJsonContext : JsonSerializerContext;
