namespace Emulator.Device.Snmp;

/// <summary>RFC 3416 §3 error-status values.</summary>
public static class SnmpError
{
    public const int NoError = 0;
    public const int TooBig = 1;
    public const int NoSuchName = 2;
    public const int BadValue = 3;
    public const int ReadOnly = 4;
    public const int GenErr = 5;
    public const int NoAccess = 6;
    public const int WrongType = 7;
    public const int WrongLength = 8;
    public const int WrongValue = 10;
    public const int NoCreation = 11;
    public const int CommitFailed = 14;
    public const int AuthorizationError = 16;
    public const int NotWritable = 17;

    /// <summary>RFC 3584 §4.4: the v1 error-status for a v2 one.</summary>
    public static int ToV1(int status) => status switch
    {
        WrongValue or 9 or WrongType or WrongLength or 12 => BadValue,
        NoAccess or NotWritable or NoCreation or 18 or AuthorizationError => NoSuchName,
        13 or CommitFailed or 15 => GenErr,
        _ => status,
    };
}

/// <summary>A SET the agent accepted: the configuration lines that carry it out (run as the CLI would run them).</summary>
public sealed record SetPlan(string ConfigurationText);

/// <summary>
/// Answers GET, GETNEXT and GETBULK from a <see cref="MibView"/> and validates SET (RFC 3416 §4.2). v1 differences
/// (RFC 3584 §4.2): noSuchName instead of the exceptions, Counter64 skipped. Responses never exceed the size budget.
/// </summary>
public static class PduProcessor
{
    /// <summary>GETBULK never returns more than this many bindings, whatever max-repetitions asks.</summary>
    public const int MaxBulkBindings = 1000;

    /// <summary>Bytes a PDU's bindings may use: the message limit (Comware: 1500) less the headers around them.</summary>
    public static int BindingBudget(int maxMessageSize, int headerAllowance) => Math.Max(0, maxMessageSize - headerAllowance);

    public static Pdu Read(Pdu request, MibView mib, bool v1, int budget)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(mib);
        var results = new List<VarBind>(request.VarBinds.Count);
        switch (request.Type)
        {
            case BerTag.GetRequest:
                for (var i = 0; i < request.VarBinds.Count; i++)
                {
                    var name = request.VarBinds[i].Name;
                    var value = mib.Get(name);
                    if (v1 && (value is null || value.Tag == BerTag.Counter64))
                    {
                        return Error(request, SnmpError.NoSuchName, i + 1);
                    }

                    results.Add(new VarBind(name, value ?? Missing(mib, name)));
                }

                break;
            case BerTag.GetNextRequest:
                for (var i = 0; i < request.VarBinds.Count; i++)
                {
                    var next = Next(mib, request.VarBinds[i].Name, v1);
                    if (next is null && v1)
                    {
                        return Error(request, SnmpError.NoSuchName, i + 1);
                    }

                    results.Add(next ?? new VarBind(request.VarBinds[i].Name, SnmpValue.EndOfMibView));
                }

                break;
            case BerTag.GetBulkRequest:
                return Bulk(request, mib, budget);
            default:
                return Error(request, SnmpError.GenErr, 0);
        }

        var response = request with { Type = BerTag.Response, ErrorStatus = 0, ErrorIndex = 0, VarBinds = results };
        return Size(response) > budget ? TooBig(request, v1) : response;
    }

    /// <summary>
    /// Checks a SET (RFC 3416 §4.2.5) against what Comware lets SNMP write: sysContact, sysName, sysLocation and
    /// ifAdminStatus. Returns an error response, or null and the plan that carries the SET out.
    /// </summary>
    public static Pdu? ValidateSet(Pdu request, MibView mib, bool v1, bool mayWrite, out SetPlan? plan)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(mib);
        plan = null;
        var lines = new List<string>();
        for (var i = 0; i < request.VarBinds.Count; i++)
        {
            var (name, value) = (request.VarBinds[i].Name, request.VarBinds[i].Value);
            var status = mayWrite ? Check(name, value, mib, lines) : SnmpError.NoAccess;
            if (status != SnmpError.NoError)
            {
                return Error(request, v1 ? SnmpError.ToV1(status) : status, i + 1);
            }
        }

        plan = new SetPlan(string.Join('\n', lines) + "\n");
        return null;
    }

    public static Pdu Error(Pdu request, int status, int index)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request with { Type = BerTag.Response, ErrorStatus = status, ErrorIndex = index };
    }

    private static int Check(Oid name, SnmpValue value, MibView mib, List<string> lines)
    {
        if (name == MibView.SysName || name == MibView.SysContact || name == MibView.SysLocation)
        {
            if (value.Tag != BerTag.OctetString)
            {
                return SnmpError.WrongType;
            }

            var text = value.AsText();
            if (text.Length > (name == MibView.SysName ? 30 : 200) || text.Any(char.IsControl) || (name == MibView.SysName && (text.Length == 0 || text.Any(char.IsWhiteSpace))))
            {
                return name == MibView.SysName && text.Length is > 0 and <= 30 ? SnmpError.WrongValue : SnmpError.WrongLength;
            }

            var keyword = name == MibView.SysContact ? "snmp-agent sys-info contact" : "snmp-agent sys-info location";
            lines.Add(name == MibView.SysName ? "sysname " + text : text.Length == 0 ? "undo " + keyword : keyword + " " + text);
            return SnmpError.NoError;
        }

        if (name.Length == MibView.IfAdminStatus.Length + 1 && name.StartsWith(MibView.IfAdminStatus))
        {
            if (mib.Get(name) is null)
            {
                return SnmpError.NoCreation;
            }

            if (value.Tag != BerTag.SignedInteger)
            {
                return SnmpError.WrongType;
            }

            if (value.Number is not (1 or 2))
            {
                return SnmpError.WrongValue;
            }

            var ifIndex = (int)name[name.Length - 1];
            var ifName = mib.IfIndexes.First(p => p.Value == ifIndex).Key;
            lines.Add("interface " + ifName);
            lines.Add(value.Number == 1 ? "undo shutdown" : "shutdown");
            lines.Add("quit");
            return SnmpError.NoError;
        }

        return mib.Get(name) is null ? SnmpError.NoCreation : SnmpError.NotWritable;
    }

    private static Pdu Bulk(Pdu request, MibView mib, int budget)
    {
        var count = request.VarBinds.Count;
        var nonRepeaters = Math.Clamp(request.ErrorStatus, 0, count);
        var repeaters = count - nonRepeaters;
        var maxRepetitions = repeaters == 0 ? 0 : Math.Clamp(request.ErrorIndex, 0, MaxBulkBindings / repeaters);
        var results = new List<VarBind>();
        var used = 0;
        bool Add(VarBind bind)
        {
            var size = BindingSize(bind);
            if (used + size > budget || results.Count >= MaxBulkBindings)
            {
                return false;
            }

            used += size;
            results.Add(bind);
            return true;
        }

        for (var i = 0; i < nonRepeaters; i++)
        {
            var name = request.VarBinds[i].Name;
            if (!Add(Next(mib, name, false) ?? new VarBind(name, SnmpValue.EndOfMibView)))
            {
                return TooBig(request, false);
            }
        }

        var cursor = request.VarBinds.Skip(nonRepeaters).Select(v => v.Name).ToArray();
        for (var r = 0; r < maxRepetitions; r++)
        {
            var allEnded = true;
            for (var j = 0; j < repeaters; j++)
            {
                var next = Next(mib, cursor[j], false);
                allEnded &= next is null;
                var bind = next ?? new VarBind(cursor[j], SnmpValue.EndOfMibView);
                if (!Add(bind))
                {
                    // RFC 3416 §4.2.3: fewer repetitions are fine; an empty answer would be tooBig.
                    return results.Count == 0 ? TooBig(request, false) : Answer(request, results);
                }

                cursor[j] = bind.Name;
            }

            if (allEnded)
            {
                break;
            }
        }

        return Answer(request, results);
    }

    private static Pdu Answer(Pdu request, List<VarBind> results) =>
        request with { Type = BerTag.Response, ErrorStatus = 0, ErrorIndex = 0, VarBinds = results };

    private static Pdu TooBig(Pdu request, bool v1) =>
        request with { Type = BerTag.Response, ErrorStatus = SnmpError.TooBig, ErrorIndex = 0, VarBinds = v1 ? request.VarBinds : [] };

    private static VarBind? Next(MibView mib, Oid name, bool v1)
    {
        var next = mib.Next(name);
        while (v1 && next is not null && next.Value.Tag == BerTag.Counter64)
        {
            next = mib.Next(next.Name);
        }

        return next;
    }

    /// <summary>noSuchInstance when the object type exists (some instance lies below the name's parent), else noSuchObject.</summary>
    private static SnmpValue Missing(MibView mib, Oid name)
    {
        if (name.Length < 2)
        {
            return SnmpValue.NoSuchObject;
        }

        var column = new Oid(name.Parts[..^1].ToArray());
        return mib.Next(column) is { } next && next.Name.StartsWith(column) ? SnmpValue.NoSuchInstance : SnmpValue.NoSuchObject;
    }

    private static int Size(Pdu pdu) => pdu.VarBinds.Sum(BindingSize);

    private static int BindingSize(VarBind bind)
    {
        var writer = new BerWriter();
        writer.WriteConstructed(BerTag.Sequence, w =>
        {
            w.WriteOid(bind.Name);
            w.WriteValue(bind.Value);
        });
        return writer.Length;
    }
}
