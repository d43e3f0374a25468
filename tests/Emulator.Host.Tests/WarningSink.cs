using Serilog.Core;
using Serilog.Events;

namespace Emulator.Host.Tests;

/// <summary>Collects the host's warning lines (rendered) for tests that check what the host warns about at start.</summary>
internal sealed class WarningSink : ILogEventSink
{
    private readonly System.Text.StringBuilder _text = new();

    public string Text
    {
        get
        {
            lock (_text)
            {
                return _text.ToString();
            }
        }
    }

    public void Emit(LogEvent logEvent)
    {
        if (logEvent.Level == LogEventLevel.Warning)
        {
            lock (_text)
            {
                _text.AppendLine(logEvent.RenderMessage(System.Globalization.CultureInfo.InvariantCulture));
            }
        }
    }
}
