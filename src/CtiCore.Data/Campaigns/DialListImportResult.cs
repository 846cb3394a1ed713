namespace CtiCore.Data.Campaigns;

public sealed record DialListImportResult(
    long RowsRead,
    long Accepted,
    long Rejected,
    long Duplicates,
    long LinkedToClients,
    string Encoding,
    char Separator)
{
    public override string ToString() =>
        $"{RowsRead} rows read ({Encoding}, '{(Separator == '\t' ? "\\t" : Separator.ToString())}'): {Accepted} accepted, {Rejected} rejected ({Duplicates} duplicates), {LinkedToClients} linked to CRM clients";
}
