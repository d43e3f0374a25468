namespace Emulator.Comware.Engine;

/// <summary>How a dialect prints and behaves where V5 and V7 differ.</summary>
public sealed record DialectSettings
{
    public required ComwareDialect Dialect { get; init; }

    /// <summary>Line terminator of everything the shell prints: <c>\r\r\n</c> in the V5 SSH capture (§1.3), <c>\r\n</c> on V7.</summary>
    public required string NewLine { get; init; }

    /// <summary>V5 sends a NUL before the banner and before the first prompt (§1.3).</summary>
    public bool NulAroundBanner { get; init; }

    /// <summary>Holder named in the login copyright banner.</summary>
    public required string CopyrightHolder { get; init; }

    public int DefaultScreenLength { get; init; } = 24;

    /// <summary>Longest accepted command line; longer input is not inserted.</summary>
    public int MaxLineLength { get; init; } = 256;

    /// <summary>Printed by <c>screen-length disable</c>; null prints nothing (V5, §3.2).</summary>
    public string? ScreenLengthDisabledMessage { get; init; }

    /// <summary>Printed when the user's role does not allow a parsed command (V7, §2.4); null on V5 where such commands are invisible.</summary>
    public string? PermissionDeniedMessage { get; init; }

    /// <summary>Commands kept by the history buffer (§2.6).</summary>
    public int HistorySize { get; init; } = 10;

    /// <summary>An exec request may carry several commands separated by <c>;</c>.</summary>
    public bool ExecAllowsCommandList { get; init; }

    public static DialectSettings V5 { get; } = new()
    {
        Dialect = ComwareDialect.V5,
        NewLine = "\r\r\n",
        NulAroundBanner = true,
        CopyrightHolder = "Hangzhou H3C Tech. Co., Ltd.",
        MaxLineLength = 256,
    };

    public static DialectSettings V7 { get; } = new()
    {
        Dialect = ComwareDialect.V7,
        NewLine = "\r\n",
        CopyrightHolder = "New H3C Technologies Co., Ltd.",
        MaxLineLength = 511,
        ScreenLengthDisabledMessage = "% Screen-length configuration is disabled for current user.",
        PermissionDeniedMessage = "Permission denied.",
        ExecAllowsCommandList = true,
    };

    public static DialectSettings For(ComwareDialect dialect) => dialect == ComwareDialect.V5 ? V5 : V7;
}

/// <summary>Texts of the CLI itself.</summary>
public static class CliMessages
{
    public static string ForVerdict(ParseVerdict verdict) => verdict switch
    {
        ParseVerdict.Unrecognized => "% Unrecognized command found at '^' position.",
        ParseVerdict.Incomplete => "% Incomplete command found at '^' position.",
        ParseVerdict.Ambiguous => "% Ambiguous command found at '^' position.",
        ParseVerdict.TooManyParameters => "% Too many parameters found at '^' position.",
        ParseVerdict.WrongParameter => "% Wrong parameter found at '^' position.",
        _ => throw new ArgumentOutOfRangeException(nameof(verdict)),
    };

    /// <summary>The two lines of a syntax error: the caret under <paramref name="column"/> (prompt included) and the message with one leading space.</summary>
    public static (string Caret, string Message) SyntaxError(ParseVerdict verdict, int column) =>
        (new string(' ', column) + "^", " " + ForVerdict(verdict));

    /// <summary>Lays out help items: two spaces, the label padded to the longest label plus two, the text.</summary>
    public static IEnumerable<string> FormatHelp(IReadOnlyList<HelpItem> items)
    {
        var width = items.Max(i => i.Label.Length) + 2;
        return items.Select(i => i.Help.Length == 0 ? "  " + i.Label : "  " + i.Label.PadRight(width) + i.Help);
    }
}
