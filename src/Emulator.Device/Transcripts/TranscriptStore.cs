using Emulator.Comware.Runtime;

namespace Emulator.Device.Transcripts;

/// <summary>
/// The recent sessions of one device, newest last. Bounded in count and in total characters: when a new session
/// needs room, the oldest ended transcripts go first.
/// </summary>
public sealed class TranscriptStore(TimeProvider time) : ISessionRecorder
{
    public const int MaxSessions = 64;
    public const int MaxTotalChars = 4 * SessionTranscript.MaxChars;

    private readonly Lock _lock = new();
    private readonly List<SessionTranscript> _sessions = [];
    private int _nextId;

    public ISessionRecording Start(RecordedSession session)
    {
        var transcript = new SessionTranscript(Interlocked.Increment(ref _nextId), session, time, Trim);
        lock (_lock)
        {
            _sessions.Add(transcript);
        }

        Trim(transcript);
        return transcript;
    }

    public IReadOnlyList<SessionTranscript> Sessions
    {
        get
        {
            lock (_lock)
            {
                return [.. _sessions];
            }
        }
    }

    public SessionTranscript? Find(int id)
    {
        lock (_lock)
        {
            return _sessions.Find(s => s.Id == id);
        }
    }

    private void Trim(SessionTranscript _)
    {
        lock (_lock)
        {
            // Runs at every session's start and end: a plain loop over at most MaxSessions + 1 counters.
            var total = 0;
            foreach (var session in _sessions)
            {
                total += session.Chars;
            }

            for (var i = 0; i < _sessions.Count && (_sessions.Count > MaxSessions || total > MaxTotalChars);)
            {
                if (_sessions[i].Ended is null)
                {
                    i++;
                    continue;
                }

                total -= _sessions[i].Chars;
                _sessions.RemoveAt(i);
            }
        }
    }
}
