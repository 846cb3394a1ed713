namespace CtiCore.Grains.Calls;

/// <summary>One hand-over of a call, as the call grain keeps it until the journal has it.</summary>
[GenerateSerializer, Alias("CtiCore.Grains.CallTransferStep")]
internal sealed class CallTransferStep
{
    [Id(0)] public long? FromAgentId { get; set; }
    [Id(1)] public long? ToAgentId { get; set; }
    [Id(2)] public string Destination { get; set; } = string.Empty;
    [Id(3)] public DateTimeOffset TransferredAt { get; set; }
}
