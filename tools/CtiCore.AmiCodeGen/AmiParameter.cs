namespace CtiCore.AmiCodeGen;

internal sealed record AmiParameter(string WireName, string PropertyName, bool Required, string Summary);
