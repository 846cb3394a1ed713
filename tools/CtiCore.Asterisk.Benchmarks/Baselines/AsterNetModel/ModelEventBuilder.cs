using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;

namespace CtiCore.Asterisk.Benchmarks.Baselines.AsterNetModel;

/// <summary>
/// Models how AsterNET turns a packet into an event object (Helper.cs: AddKeyValue, RegisterEventClass, BuildEvent,
/// SetAttributes, GetSetters, stripIllegalCharacters). Written by us from those documented behaviours:
/// <list type="bullet">
/// <item>each line becomes a lower-cased key and a trimmed value in the packet dictionary;</item>
/// <item>event classes are found once, by reflection, and keyed by the hash of their lower-case name without the
///   "event" suffix; the constructor is then invoked through <see cref="ConstructorInfo.Invoke(object[])"/>;</item>
/// <item>for every event, the setters of its type are listed again (<see cref="Type.GetMethods()"/>, names lower-cased
///   into a Hashtable), and each field is converted by the setter's parameter type and set with
///   <see cref="MethodBase.Invoke(object, object[])"/>; a field without a setter goes to ManagerEvent.Parse.</item>
/// </list>
/// </summary>
public static class ModelEventBuilder
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    /// <summary>AsterNET: Helper.AddKeyValue — split at the first ':', lower-case and trim the key, trim the value.</summary>
    public static void AddKeyValue(Dictionary<string, string> packet, string line)
    {
        var delimiter = line.IndexOf(":", StringComparison.CurrentCulture);
        if (delimiter > 0 && line.Length > delimiter + 1)
        {
            var name = line[..delimiter].ToLower(English).Trim();
            var value = line[(delimiter + 1)..].Trim();
            packet[name] = value;
        }
    }

    /// <summary>AsterNET: Helper.RegisterBuiltinEventClasses — every concrete event type of the assembly.</summary>
    public static Dictionary<int, ConstructorInfo> RegisterEventClasses()
    {
        var classes = new Dictionary<int, ConstructorInfo>();
        foreach (var type in typeof(ModelManagerEvent).Assembly.GetTypes())
        {
            if (type.IsPublic && !type.IsAbstract && typeof(ModelManagerEvent).IsAssignableFrom(type) && type != typeof(ModelUnknownEvent))
            {
                var name = WithoutEventSuffix(type.Name.ToLower(English));
                var constructor = type.GetConstructor([typeof(ModelManagerConnection)]);
                if (constructor is not null)
                {
                    classes.TryAdd(name.GetHashCode(StringComparison.Ordinal), constructor);
                }
            }
        }

        return classes;
    }

    /// <summary>AsterNET: Helper.BuildEvent — look the class up by name hash, invoke its constructor, set its fields.</summary>
    public static ModelManagerEvent BuildEvent(Dictionary<int, ConstructorInfo> classes, ModelManagerConnection source, Dictionary<string, string> attributes)
    {
        var eventType = WithoutEventSuffix(attributes["event"].ToLower(English));
        var evt = classes.TryGetValue(eventType.GetHashCode(StringComparison.Ordinal), out var constructor)
            ? (ModelManagerEvent)constructor.Invoke([source])
            : new ModelUnknownEvent(source);
        SetAttributes(evt, attributes);
        return evt;
    }

    /// <summary>AsterNET: Helper.SetAttributes — the setters are listed anew for every event.</summary>
    public static void SetAttributes(ModelManagerEvent target, Dictionary<string, string> attributes)
    {
        attributes = target.ParseSpecial(attributes);
        var setters = GetSetters(target.GetType());
        foreach (var name in attributes.Keys)
        {
            if (name == "event")
            {
                continue;
            }

            var setter = (MethodInfo?)setters[name == "source" ? "src" : StripIllegalCharacters(name)];
            if (setter is null)
            {
                target.Parse(name, attributes[name]);
                continue;
            }

            var dataType = setter.GetParameters()[0].ParameterType;
            object? value;
            if (dataType == typeof(bool))
            {
                value = IsTrue(attributes[name]);
            }
            else if (dataType == typeof(string))
            {
                value = attributes[name] == "none" ? string.Empty : attributes[name];
            }
            else if (dataType == typeof(int))
            {
                _ = int.TryParse(attributes[name], out var parsed);
                value = parsed;
            }
            else if (dataType == typeof(long))
            {
                _ = long.TryParse(attributes[name], out var parsed);
                value = parsed;
            }
            else if (dataType == typeof(double))
            {
                _ = double.TryParse(attributes[name], NumberStyles.AllowDecimalPoint, English, out var parsed);
                value = parsed;
            }
            else
            {
                value = dataType.GetConstructor([typeof(string)])?.Invoke([attributes[name]]);
            }

            setter.Invoke(target, [value]);
        }
    }

    /// <summary>AsterNET: Helper.GetSetters — every public "set_" method with one parameter, by lower-case name.</summary>
    private static Hashtable GetSetters(Type type)
    {
        var setters = new Hashtable();
        foreach (var method in type.GetMethods())
        {
            if (!method.Name.StartsWith("set_", StringComparison.CurrentCulture) || method.GetParameters().Length != 1)
            {
                continue;
            }

            var name = method.Name["set_".Length..].ToLower(English);
            if (name.Length != 0)
            {
                setters[name] = method;
            }
        }

        return setters;
    }

    /// <summary>AsterNET: Helper.stripIllegalCharacters — keep [0-9a-zA-Z], copying only when something is dropped.</summary>
    private static string StripIllegalCharacters(string name)
    {
        if (name.All(char.IsAsciiLetterOrDigit))
        {
            return name;
        }

        var kept = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                kept.Append(c);
            }
        }

        return kept.ToString();
    }

    private static bool IsTrue(string value) =>
        value.ToLower(English) is "yes" or "true" or "y" or "t" or "1" or "on";

    // AsterNET calls string.EndsWith(string) and StartsWith(string) without a comparison, which is culture-sensitive:
    // the model keeps that cost by naming CurrentCulture.
    private static string WithoutEventSuffix(string name) =>
        name.EndsWith("event", StringComparison.CurrentCulture) ? name[..^"event".Length] : name;
}
