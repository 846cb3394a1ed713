// The domain project carries only the serializer attributes; the Orleans code generator runs here for its types.
[assembly: Orleans.GenerateCodeForDeclaringAssembly(typeof(CtiCore.Domain.Crm.Client))]
