using CtiCore.Domain.Crm;

namespace CtiCore.Domain.Ports;

/// <summary>Writes the call log and follow-ups. Every method is idempotent: grains retry after failures.</summary>
public interface ICallJournal
{
    /// <summary>
    /// Stores the interaction unless one with the same <see cref="Interaction.CallKey"/> exists; returns the id of
    /// the stored one either way, so a repeated call logs nothing twice.
    /// </summary>
    Task<long> RecordInteractionAsync(Interaction interaction, CancellationToken cancellationToken);

    /// <summary>
    /// Stores one hand-over of the call's transfer chain unless (<see cref="CallTransfer.CallKey"/>,
    /// <see cref="CallTransfer.Position"/>) exists; a repeat only corrects the target agent (who really answered),
    /// never the wrap-up the transferring agent may have written since.
    /// </summary>
    Task RecordTransferAsync(CallTransfer transfer, CancellationToken cancellationToken);

    /// <summary>Sets the recording of an already logged call (the recorder often finishes after the hang-up).</summary>
    Task AttachRecordingAsync(string callKey, string recordingRef, CancellationToken cancellationToken);

    /// <summary>Creates the task unless the same owner already has one for the same interaction; returns its id.</summary>
    Task<long> CreateFollowUpTaskAsync(FollowUpTask task, CancellationToken cancellationToken);
}
