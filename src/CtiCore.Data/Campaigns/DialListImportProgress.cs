namespace CtiCore.Data.Campaigns;

/// <summary>Reported after every batch, for the UI's and the CLI's progress bars.</summary>
public readonly record struct DialListImportProgress(long RowsRead, long Accepted, long Rejected);
