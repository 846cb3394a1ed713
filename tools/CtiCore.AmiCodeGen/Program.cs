using CtiCore.AmiCodeGen;

var repository = RepositoryRoot.Find();
var xmlPath = args.Length > 0
    ? args[0]
    : Path.Combine(repository, ".sandbox/asterisk-root/usr/share/asterisk/documentation/core-en_US.xml");
var outputRoot = args.Length > 1 ? args[1] : Path.Combine(repository, "src/CtiCore.Asterisk.Protocol");

if (!File.Exists(xmlPath))
{
    Console.Error.WriteLine($"AmiCodeGen: {xmlPath} not found. Run 'tools/asterisk/sandbox.sh install' or pass the XML path.");
    return 2;
}

var model = AsteriskDocumentation.Load(xmlPath);
var written = CodeWriter.WriteAll(model, outputRoot);
Console.WriteLine($"AmiCodeGen: {model.Events.Count} events, {model.Actions.Count} actions from {model.Source}; {written} files written.");
return 0;
