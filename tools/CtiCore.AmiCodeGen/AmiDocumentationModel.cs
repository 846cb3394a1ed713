namespace CtiCore.AmiCodeGen;

internal sealed record AmiDocumentationModel(string Source, IReadOnlyList<AmiDefinition> Events, IReadOnlyList<AmiDefinition> Actions);
