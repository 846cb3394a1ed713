namespace CtiCore.Server.Recording;

/// <summary>What a client's erasure request did: the Interactions whose recording is gone, and those a legal hold kept.</summary>
public sealed record ErasureResponse(IReadOnlyList<long> Erased, IReadOnlyList<long> HeldByLegalHold);
