using System.Globalization;
using System.Text;

namespace Emulator.Bench.Suite;

/// <summary>The Markdown report: a verdict table against the targets first, then one section per measurement.</summary>
public sealed class MarkdownReport
{
    private readonly List<(string Target, string Measured, string Verdict)> _verdicts = [];
    private readonly StringBuilder _body = new();

    public void Verdict(string target, string measured, bool? met) =>
        _verdicts.Add((target, measured, met switch { true => "met", false => "**not met**", null => "not measured" }));

    public void Section(string title) => _body.Append(CultureInfo.InvariantCulture, $"\n## {title}\n\n");

    public void Paragraph(string text) => _body.Append(text.TrimEnd()).Append("\n\n");

    public void Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        // First column names the row; the others are figures, right-aligned.
        _body.Append("| ").AppendJoin(" | ", headers).Append(" |\n|---|");
        for (int i = 1; i < headers.Count; i++)
        {
            _body.Append("---:|");
        }

        _body.Append('\n');
        foreach (var row in rows)
        {
            _body.Append("| ").AppendJoin(" | ", row.Select(c => c.Replace("|", "\\|", StringComparison.Ordinal))).Append(" |\n");
        }

        _body.Append('\n');
    }

    public void Code(string text) => _body.Append("```\n").Append(text.TrimEnd()).Append("\n```\n\n");

    public string Render(string title, MachineInfo machine)
    {
        ArgumentNullException.ThrowIfNull(machine);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"# {title}\n\n");
        text.Append("| machine | |\n|---|---|\n");
        text.Append(CultureInfo.InvariantCulture, $"| host | {machine.HostName} |\n| cores (nproc) | {machine.Cores} |\n| CPU | {machine.CpuModel} |\n");
        text.Append(CultureInfo.InvariantCulture, $"| memory | {machine.Memory} |\n| kernel | {machine.Kernel} |\n| .NET | {machine.DotnetVersion} |\n");
        text.Append(CultureInfo.InvariantCulture, $"| OpenSSH | {machine.OpenSshVersion} |\n| commit | {machine.Commit} |\n\n");
        text.Append("Client (this load generator) and servers share the same cores, so rates are lower bounds; CPU time per ")
            .Append("connection is read from /proc and does not depend on the client.\n\n");
        text.Append("## Targets\n\n| target | measured | verdict |\n|---|---|---|\n");
        foreach (var (target, measured, verdict) in _verdicts)
        {
            text.Append(CultureInfo.InvariantCulture, $"| {target} | {measured} | {verdict} |\n");
        }

        text.Append(_body);
        return text.ToString();
    }

    public static string F(double value, string format = "0.00") => value.ToString(format, CultureInfo.InvariantCulture);
}
