namespace CtiCore.AmiCodeGen;

/// <summary>One managerEvent or manager action from the documentation, its parameters merged across instances.</summary>
internal sealed record AmiDefinition(string Name, string TypeName, string Summary, IReadOnlyList<AmiParameter> Parameters);
