using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using System.Xml.XPath;

namespace CtiCore.AmiCodeGen;

/// <summary>
/// Reads Asterisk's core-en_US.xml: every &lt;managerEvent&gt; and the &lt;manager&gt; actions CtiCore uses.
/// Resolves the two kinds of indirection the file uses: xi:include with an xpointer(XPath) and the
/// &lt;channel_snapshot/&gt; / &lt;bridge_snapshot/&gt; templates that Asterisk's own doc build expands.
/// </summary>
internal static partial class AsteriskDocumentation
{
    /// <summary>The actions CtiCore sends; the others stay reachable through AmiCustomAction.</summary>
    private static readonly string[] ActionNames =
    [
        "Login", "Challenge", "Logoff", "Ping", "Events", "Originate", "Redirect", "BlindTransfer", "Atxfer", "Hangup",
        "MixMonitor", "MixMonitorMute", "StopMixMonitor", "CoreShowChannels", "Status", "DeviceStateList", "Getvar",
        "Setvar", "Command", "QueueAdd", "QueueRemove", "QueuePause", "QueueStatus",
    ];

    /// <summary>manager_channels.c ast_manager_build_channel_state_string_prefix: the fields of a channel snapshot.</summary>
    private static readonly string[] ChannelSnapshotFields =
    [
        "Channel", "ChannelState", "ChannelStateDesc", "CallerIDNum", "CallerIDName", "ConnectedLineNum",
        "ConnectedLineName", "Language", "AccountCode", "Context", "Exten", "Priority", "Uniqueid", "Linkedid",
    ];

    /// <summary>manager_bridges.c ast_manager_build_bridge_state_string_prefix: the fields of a bridge snapshot.</summary>
    private static readonly string[] BridgeSnapshotFields =
    [
        "BridgeUniqueid", "BridgeType", "BridgeTechnology", "BridgeCreator", "BridgeName", "BridgeNumChannels",
        "BridgeVideoSourceMode", "BridgeVideoSource",
    ];

    private static readonly XNamespace XInclude = "http://www.w3.org/2001/XInclude";

    public static AmiDocumentationModel Load(string path)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null };
        using var reader = XmlReader.Create(path, settings);
        var document = XDocument.Load(reader);

        var events = document.Descendants("managerEvent")
            .GroupBy(e => (string)e.Attribute("name")!, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => BuildEvent(document, g.Key, [.. g]))
            .ToList();

        var actions = document.Descendants("manager")
            .Where(m => ActionNames.Contains((string?)m.Attribute("name"), StringComparer.Ordinal))
            .GroupBy(m => (string)m.Attribute("name")!, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => BuildAction(document, g.Key, g.First()))
            .ToList();

        return new AmiDocumentationModel($"{Path.GetFileName(path)}", events, actions);
    }

    private static AmiDefinition BuildEvent(XDocument document, string name, IReadOnlyList<XElement> definitions)
    {
        var parameters = new List<AmiParameter>();
        var summary = string.Empty;
        foreach (var definition in definitions)
        {
            foreach (var instance in definition.Elements("managerEventInstance"))
            {
                if (summary.Length == 0)
                {
                    summary = Text(instance.Element("synopsis"));
                }

                foreach (var syntax in instance.Elements("syntax"))
                {
                    CollectParameters(document, syntax.Elements(), parameters, depth: 0);
                }
            }
        }

        return new AmiDefinition(name, TypeName(name) + "Event", summary, Deduplicate(parameters, "Event", "Privilege"));
    }

    private static AmiDefinition BuildAction(XDocument document, string name, XElement definition)
    {
        var parameters = new List<AmiParameter>();
        foreach (var syntax in definition.Elements("syntax"))
        {
            CollectParameters(document, syntax.Elements(), parameters, depth: 0);
        }

        return new AmiDefinition(name, TypeName(name) + "Action", Text(definition.Element("synopsis")),
            Deduplicate(parameters, "ActionID", "Action"));
    }

    private static void CollectParameters(XDocument document, IEnumerable<XElement> elements, List<AmiParameter> parameters, int depth)
    {
        if (depth > 8)
        {
            throw new InvalidOperationException("xi:include nesting deeper than 8: a cycle in the documentation?");
        }

        foreach (var element in elements)
        {
            if (element.Name == "parameter")
            {
                var wireName = (string)element.Attribute("name")!;
                var required = string.Equals((string?)element.Attribute("required"), "true", StringComparison.OrdinalIgnoreCase);
                parameters.Add(new AmiParameter(wireName, PropertyName(wireName), required, Text(element.Element("para"))));
            }
            else if (element.Name == "channel_snapshot" || element.Name == "bridge_snapshot")
            {
                var prefix = ((string?)element.Attribute("prefix") ?? string.Empty).Trim();
                var fields = element.Name == "channel_snapshot" ? ChannelSnapshotFields : BridgeSnapshotFields;
                var what = element.Name == "channel_snapshot" ? "channel" : "bridge";
                foreach (var field in fields)
                {
                    var wireName = prefix + field;
                    parameters.Add(new AmiParameter(wireName, PropertyName(wireName), false,
                        $"{field} of the {(prefix.Length == 0 ? string.Empty : prefix + " ")}{what} snapshot."));
                }
            }
            else if (element.Name == XInclude + "include")
            {
                var pointer = (string)element.Attribute("xpointer")!;
                var xpath = XPointer().Match(pointer).Groups[1].Value;
                foreach (var target in document.XPathSelectElements(xpath))
                {
                    if (target.Name == "parameter")
                    {
                        CollectParameters(document, [target], parameters, depth + 1);
                    }
                }
            }
        }
    }

    private static List<AmiParameter> Deduplicate(List<AmiParameter> parameters, params string[] skipped)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var properties = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<AmiParameter>();
        foreach (var parameter in parameters)
        {
            if (skipped.Contains(parameter.WireName, StringComparer.OrdinalIgnoreCase) || !seen.Add(parameter.WireName)
                || parameter.PropertyName.Length == 0)
            {
                continue;
            }

            var property = parameter.PropertyName;
            for (var n = 2; !properties.Add(property) || property is "Packet" or "Name" or "EventName" or "Is" or "TryFrom" or "ExtraFields" or "GetFields" or "Variables" or "ToString" or "Equals" or "GetHashCode"; n++)
            {
                property = parameter.PropertyName + n.ToString(CultureInfo.InvariantCulture);
            }

            result.Add(parameter with { PropertyName = property });
        }

        return result;
    }

    /// <summary>"Cause-txt" → "CauseTxt", "channel direction" → "ChannelDirection"; identifiers start with a letter.</summary>
    internal static string PropertyName(string wireName)
    {
        var builder = new StringBuilder(wireName.Length);
        var upper = true;
        foreach (var c in wireName)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(upper ? char.ToUpperInvariant(c) : c);
                upper = false;
            }
            else
            {
                upper = true;
            }
        }

        if (builder.Length > 0 && char.IsAsciiDigit(builder[0]))
        {
            builder.Insert(0, 'N');
        }

        return builder.ToString();
    }

    private static string TypeName(string name) => PropertyName(name);

    private static string Text(XElement? element)
    {
        if (element is null)
        {
            return string.Empty;
        }

        return Whitespace().Replace(element.Value, " ").Trim();
    }

    [GeneratedRegex(@"xpointer\((.*)\)\s*$")]
    private static partial Regex XPointer();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
