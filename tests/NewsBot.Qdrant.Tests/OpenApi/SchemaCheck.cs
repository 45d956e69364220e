using System.Runtime.CompilerServices;

namespace NewsBot.Qdrant.Tests.OpenApi;

/// <summary>
/// One validation of one value. Each check runs in one of two modes: with a <see cref="ViolationSink"/> it records
/// every fault (up to the sink's limit); without one it stops at the first fault and builds no message, which is
/// how <c>anyOf</c>/<c>oneOf</c> branches are tried cheaply. Only when no branch fits are the branches run again
/// to say what is wrong.
/// </summary>
internal sealed class SchemaCheck(bool rejectUnknownProperties)
{
    public const int MaxViolations = 20;

    // Every level of nesting in the value is at most a handful of schema levels; this only stops a runaway.
    private const int MaxNesting = 1_000;

    private readonly JsonPathStack path = new();
    private int nesting;

    public static IReadOnlyList<string> Run(Schema schema, JsonNode? value, bool rejectUnknownProperties)
    {
        var sink = new ViolationSink(MaxViolations);
        new SchemaCheck(rejectUnknownProperties).Check(schema, value, sink, checkUnknownHere: true);
        return sink.ToMessages();
    }

    /// <param name="checkUnknownHere">
    /// False while checking an <c>allOf</c> branch: a member another branch declares is not unknown, so the
    /// schema holding the <c>allOf</c> judges unknown members against all branches together.
    /// </param>
    private bool Check(Schema schema, JsonNode? value, ViolationSink? sink, bool checkUnknownHere)
    {
        while (schema.Reference is { } reference) schema = reference.Target;
        if (nesting >= MaxNesting) return Fault(sink, $"the schema nests too deeply to check");
        nesting++;
        var valid = CheckResolved(schema, value, sink, checkUnknownHere);
        nesting--;
        return valid;
    }

    private bool CheckResolved(Schema schema, JsonNode? value, ViolationSink? sink, bool checkUnknownHere)
    {
        var kind = JsonValues.KindOf(value);
        if (kind == JsonValueKind.Null && schema.Nullable) return true;
        var number = kind == JsonValueKind.Number ? JsonValues.ToElement(value!) : default;

        if (schema.Types != JsonTypes.None && !HasType(schema.Types, kind, number))
            return Fault(sink, $"expected {TypeNames.Describe(schema.Types)}, got {JsonValues.Describe(value)}", ViolationKind.WrongType, schema.Types);
        if (schema.Enum is { } allowed && !allowed.Contains(value, kind))
            return Fault(sink, $"{EnumMismatch(allowed, value, kind)}");

        var valid = kind switch
        {
            JsonValueKind.Number => CheckNumber(schema, number, sink),
            JsonValueKind.String => CheckString(schema, value!, sink),
            JsonValueKind.Array => CheckArray(schema, value!.AsArray(), sink),
            JsonValueKind.Object => !schema.DescribesObjects || CheckObject(schema, value!.AsObject(), sink, checkUnknownHere),
            _ => true,
        };
        if (!valid && Stop(sink)) return false;

        if (schema.AllOf is { } all)
            foreach (var branch in all)
                if (!Check(branch, value, sink, checkUnknownHere: false))
                {
                    valid = false;
                    if (Stop(sink)) return false;
                }
        if (schema.AnyOf is { } any && !CheckAnyOf(any, value, sink, checkUnknownHere))
        {
            valid = false;
            if (Stop(sink)) return false;
        }
        if (schema.OneOf is { } one && !CheckOneOf(one, value, sink, checkUnknownHere)) valid = false;
        return valid;
    }

    private static bool HasType(JsonTypes types, JsonValueKind kind, JsonElement number) => kind switch
    {
        JsonValueKind.Object => (types & JsonTypes.Object) != 0,
        JsonValueKind.Array => (types & JsonTypes.Array) != 0,
        JsonValueKind.String => (types & JsonTypes.String) != 0,
        JsonValueKind.True or JsonValueKind.False => (types & JsonTypes.Boolean) != 0,
        JsonValueKind.Null => (types & JsonTypes.Null) != 0,
        JsonValueKind.Number => (types & JsonTypes.Number) != 0 || ((types & JsonTypes.Integer) != 0 && JsonValues.IsInteger(number)),
        _ => false,
    };

    private static string EnumMismatch(EnumValues allowed, JsonNode? value, JsonValueKind kind)
    {
        var message = $"expected one of {string.Join(", ", allowed.Texts)}, got {JsonValues.Describe(value)}";
        var sameButCase = kind == JsonValueKind.String ? allowed.CaseInsensitiveMatch(JsonValues.StringOf(value!)) : null;
        return sameButCase is null ? message : $"{message} (the values are case-sensitive: did you mean \"{sameButCase}\"?)";
    }

    private bool CheckNumber(Schema schema, JsonElement number, ViolationSink? sink)
    {
        if (schema.Minimum is null && schema.Maximum is null
            && (schema.Format == ValueFormat.None
                || (schema.Format is ValueFormat.Float or ValueFormat.Double && JsonValues.IsWithinFloatRangeAsWritten(number))))
            return true;
        if (!JsonValues.TryGetFiniteDouble(number, out var value))
            return Fault(sink, $"expected a finite number, got {number.GetRawText()}");

        var noun = (schema.Types & (JsonTypes.Integer | JsonTypes.Number)) == JsonTypes.Integer ? "an integer" : "a number";
        if (schema.Minimum is { } min && (schema.ExclusiveMinimum ? value <= min : value < min))
            return Fault(sink, $"expected {noun} {(schema.ExclusiveMinimum ? ">" : ">=")} {JsonValues.FormatBound(min)}, got {number.GetRawText()}");
        if (schema.Maximum is { } max && (schema.ExclusiveMaximum ? value >= max : value > max))
            return Fault(sink, $"expected {noun} {(schema.ExclusiveMaximum ? "<" : "<=")} {JsonValues.FormatBound(max)}, got {number.GetRawText()}");

        var fits = schema.Format switch
        {
            ValueFormat.UInt or ValueFormat.UInt64 => number.TryGetUInt64(out _),
            ValueFormat.UInt8 => number.TryGetUInt64(out var u8) && u8 <= byte.MaxValue,
            ValueFormat.UInt32 => number.TryGetUInt64(out var u32) && u32 <= uint.MaxValue,
            ValueFormat.Int64 => number.TryGetInt64(out _),
            ValueFormat.Float => Math.Abs(value) <= float.MaxValue,
            _ => true,   // double: any finite number; string formats do not apply to numbers
        };
        return fits || Fault(sink, $"expected {FormatNames.DescribeNumber(schema.Format)}, got {number.GetRawText()}");
    }

    private bool CheckString(Schema schema, JsonNode value, ViolationSink? sink)
    {
        if (schema.MinLength is null && schema.MaxLength is null && schema.Format == ValueFormat.None) return true;
        var text = JsonValues.StringOf(value);
        var valid = true;
        var length = text.Length - text.Count(char.IsLowSurrogate);   // JSON Schema counts code points
        if (schema.MinLength is { } minLength && length < minLength)
            valid = Fault(sink, $"expected a string of at least {minLength} character(s), got {JsonValues.Quote(text)}");
        if (schema.MaxLength is { } maxLength && length > maxLength)
            valid = Fault(sink, $"expected a string of at most {maxLength} character(s), got {length}");
        if (!valid && Stop(sink)) return false;

        var fits = schema.Format switch
        {
            ValueFormat.Uuid => StringFormats.IsUuid(text),
            ValueFormat.DateTime => StringFormats.IsRfc3339DateTime(text),
            ValueFormat.PartialDateTime => StringFormats.IsPartialDateTime(text),
            ValueFormat.Uri => StringFormats.IsAbsoluteUri(text),
            _ => true,   // numeric formats do not apply to strings
        };
        return (fits || Fault(sink, $"expected {FormatNames.DescribeString(schema.Format)}, got {JsonValues.Quote(text)}")) && valid;
    }

    private bool CheckArray(Schema schema, JsonArray array, ViolationSink? sink)
    {
        var valid = true;
        if (schema.MinItems is { } minItems && array.Count < minItems)
            valid = Fault(sink, $"expected at least {minItems} item(s), got {array.Count}");
        if (schema.MaxItems is { } maxItems && array.Count > maxItems)
            valid = Fault(sink, $"expected at most {maxItems} item(s), got {array.Count}");
        if (!valid && Stop(sink)) return false;

        if (schema.Items is { } items)
            for (var i = 0; i < array.Count; i++)
            {
                path.Push(i);
                var itemValid = Check(items, array[i], sink, checkUnknownHere: true);
                path.Pop();
                if (!itemValid)
                {
                    valid = false;
                    if (Stop(sink)) return false;
                }
            }

        return schema.UniqueItems ? CheckUnique(array, sink) && valid : valid;
    }

    private bool CheckUnique(JsonArray array, ViolationSink? sink)
    {
        var firstIndexOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var valid = true;
        for (var i = 0; i < array.Count; i++)
        {
            if (firstIndexOf.TryAdd(UniquenessKey(array[i]), i)) continue;
            path.Push(i);
            valid = Fault(sink, $"duplicate of item {firstIndexOf[UniquenessKey(array[i])]}; the items must be unique");
            path.Pop();
            if (Stop(sink)) return false;
        }
        return valid;
    }

    /// <summary>Equal JSON values get equal keys: numbers by value (1 and 1.0 are the same), strings by text.</summary>
    private static string UniquenessKey(JsonNode? item) => JsonValues.KindOf(item) switch
    {
        JsonValueKind.String => "s" + JsonValues.StringOf(item!),
        JsonValueKind.Number when JsonValues.TryGetFiniteDouble(JsonValues.ToElement(item!), out var n) => "n" + JsonValues.FormatBound(n),
        _ => "j" + (item?.ToJsonString() ?? "null"),
    };

    private bool CheckObject(Schema schema, JsonObject obj, ViolationSink? sink, bool checkUnknownHere)
    {
        var valid = true;
        foreach (var name in schema.Required)
            if (!obj.ContainsKey(name))
            {
                valid = Fault(sink, $"missing required property \"{name}\"", ViolationKind.MissingProperty);
                if (Stop(sink)) return false;
            }

        var rejectUnknown = checkUnknownHere && rejectUnknownProperties;
        foreach (var (name, member) in obj)
        {
            Schema? memberSchema = null;
            if (schema.Properties?.TryGetValue(name, out memberSchema) != true)
            {
                switch (schema.Additional)
                {
                    case AdditionalProperties.Schema:
                        memberSchema = schema.AdditionalSchema;
                        break;
                    case AdditionalProperties.Forbidden:
                        valid = UnknownProperty(name, sink, $"property not allowed (additionalProperties is false){DeclaredNames.Hint(schema, name)}");
                        break;
                    case AdditionalProperties.Unspecified when rejectUnknown && !DeclaredNames.AllOfDeclares(schema, name):
                        valid = UnknownProperty(name, sink, $"unknown property{DeclaredNames.Hint(schema, name)}");
                        break;
                }
            }
            if (memberSchema is not null)
            {
                path.Push(name);
                if (!Check(memberSchema, member, sink, checkUnknownHere: true)) valid = false;
                path.Pop();
            }
            if (!valid && Stop(sink)) return false;
        }
        return valid;
    }

    private bool CheckAnyOf(IReadOnlyList<Schema> branches, JsonNode? value, ViolationSink? sink, bool checkUnknownHere)
    {
        foreach (var branch in branches)
            if (Check(branch, value, sink: null, checkUnknownHere)) return true;
        if (sink is not null) ReportClosestBranch(branches, value, sink, checkUnknownHere, "anyOf");
        return false;
    }

    private bool CheckOneOf(IReadOnlyList<Schema> branches, JsonNode? value, ViolationSink? sink, bool checkUnknownHere)
    {
        var matching = new List<int>(2);
        for (var i = 0; i < branches.Count && matching.Count < 2; i++)
            if (Check(branches[i], value, sink: null, checkUnknownHere)) matching.Add(i);
        if (matching.Count == 1) return true;
        if (sink is null) return false;
        if (matching.Count == 0) ReportClosestBranch(branches, value, sink, checkUnknownHere, "oneOf");
        else Fault(sink, $"matches more than one oneOf alternative ({string.Join(", ", matching.Select(i => BranchName(branches, i)))}); exactly one must match");
        return false;
    }

    /// <summary>
    /// Says why no alternative fits. When every branch wants another JSON type, one message lists the types.
    /// Otherwise the faults of the branch that came closest are reported. A branch whose faults include one of
    /// shape (a wrong type, a missing or an unknown member, right at the value or its members) was probably meant
    /// for other values, so branches without them come first; then the fewest faults; then the fewest wrong types
    /// (a bad date in the date range beats a string in the number range); then the deepest fault.
    /// </summary>
    private void ReportClosestBranch(IReadOnlyList<Schema> branches, JsonNode? value, ViolationSink sink, bool checkUnknownHere, string keyword)
    {
        var depth = path.Depth;
        var reports = new List<ViolationSink>(branches.Count);
        foreach (var branch in branches)
        {
            var report = new ViolationSink(MaxViolations);
            Check(branch, value, report, checkUnknownHere);
            reports.Add(report);
        }

        bool OnlyWrongType(ViolationSink report) => report.Items.All(v => v.Kind == ViolationKind.WrongType && v.Depth == depth);
        bool HasShapeFault(ViolationSink report) => report.Items.Any(v => v.Kind != ViolationKind.Value && v.Depth <= depth + 1);
        var closest = reports
            .Where(r => r.Items.Count > 0 && !OnlyWrongType(r))
            .OrderBy(HasShapeFault)
            .ThenBy(r => r.Items.Count)
            .ThenBy(r => r.Items.Count(v => v.Kind == ViolationKind.WrongType))
            .ThenByDescending(r => r.Items.Max(v => v.Depth))
            .FirstOrDefault();
        if (closest is not null)
        {
            sink.AddRange(closest);
            return;
        }

        var expected = reports.SelectMany(r => r.Items).Aggregate(JsonTypes.None, (types, v) => types | v.Expected);
        if (expected == JsonTypes.None) Fault(sink, $"matches none of the {keyword} alternatives");
        else Fault(sink, $"expected {TypeNames.Describe(expected)}, got {JsonValues.Describe(value)}", ViolationKind.WrongType, expected);
    }

    private static string BranchName(IReadOnlyList<Schema> branches, int index)
    {
        var branch = branches[index];
        while (branch.Reference is { } reference) branch = reference.Target;
        return branch.ComponentName ?? $"alternative {index}";
    }

    private bool UnknownProperty(string propertyName, ViolationSink? sink, [InterpolatedStringHandlerArgument(nameof(sink))] ref FaultMessage reason)
    {
        path.Push(propertyName);
        Fault(sink, ref reason, ViolationKind.UnknownProperty);
        path.Pop();
        return false;
    }

    private bool Fault(
        ViolationSink? sink, [InterpolatedStringHandlerArgument(nameof(sink))] ref FaultMessage reason,
        ViolationKind kind = ViolationKind.Value, JsonTypes expected = JsonTypes.None)
    {
        sink?.Add(new Violation(path.ToString(), path.Depth, reason.ToStringAndClear(), kind, expected));
        return false;
    }

    /// <summary>Whether to stop looking after a fault: always when only validity is wanted, or once the sink is full.</summary>
    private static bool Stop(ViolationSink? sink) => sink is null || sink.IsFull;
}
