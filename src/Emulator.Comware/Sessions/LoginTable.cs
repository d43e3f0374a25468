using System.Globalization;
using System.Net;

namespace Emulator.Comware.Sessions;

/// <summary>What the device layer knows about a login when it hands a session to the CLI.</summary>
/// <param name="UserName">The authenticated user.</param>
/// <param name="Remote">Client address and port; null for local sessions (tests, console).</param>
/// <param name="Protocol">As <c>display users</c> prints it: <c>SSH</c>, <c>TEL</c>.</param>
/// <param name="AuthenticationMethod">SSH user-auth method that succeeded (<c>password</c>, <c>publickey</c>), if known.</param>
public sealed record LoginRequest(string UserName, IPEndPoint? Remote, string Protocol = "SSH", string? AuthenticationMethod = null)
{
    /// <summary>Negotiated cipher and MAC for <c>display ssh server session</c>, when the transport reports them.</summary>
    public string Cipher { get; init; } = "";

    public string Mac { get; init; } = "";
}

/// <summary>
/// The device's VTY user lines. A login occupies the lowest free VTY until it ends, as the device numbers
/// user interfaces; when every VTY is taken the login is refused. The number of VTYs is a model fact
/// (<see cref="DeviceFacts.VtyLines"/>). Thread-safe; entries are small and few (at most the VTY count).
/// </summary>
public sealed class LoginTable
{
    private readonly Lock _gate = new();
    private readonly Login?[] _lines;
    private readonly TimeProvider _time;

    public LoginTable(int vtyLines, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(vtyLines);
        _lines = new Login?[vtyLines];
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    public int VtyCount => _lines.Length;

    /// <summary>Takes the lowest free VTY; null when all are in use.</summary>
    public Login? TryOpen(LoginRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        lock (_gate)
        {
            var vty = Array.IndexOf(_lines, null);
            if (vty < 0)
            {
                return null;
            }

            var login = new Login(this, vty, request, _time.GetUtcNow(), _time);
            _lines[vty] = login;
            return login;
        }
    }

    /// <summary>Current logins ordered by VTY.</summary>
    public IReadOnlyList<Login> Snapshot()
    {
        lock (_gate)
        {
            return [.. _lines.OfType<Login>()];
        }
    }

    /// <summary>Logins of one user (V5 <c>display local-user</c> Current AccessNum).</summary>
    public int CountOf(string userName) => Snapshot().Count(l => l.UserName == userName);

    internal void Close(Login login)
    {
        lock (_gate)
        {
            if (ReferenceEquals(_lines[login.Vty], login))
            {
                _lines[login.Vty] = null;
            }
        }
    }
}

/// <summary>One login on a VTY line. Dispose it when the session ends to free the line.</summary>
public sealed class Login : IDisposable
{
    private readonly LoginTable _table;
    private readonly TimeProvider _time;
    private long _lastInputTicks;

    internal Login(LoginTable table, int vty, LoginRequest request, DateTimeOffset since, TimeProvider time)
    {
        _table = table;
        _time = time;
        Vty = vty;
        Request = request;
        Since = since;
        _lastInputTicks = since.UtcTicks;
    }

    public int Vty { get; }

    /// <summary><c>VTY 0</c>, as <c>display users</c> names the line.</summary>
    public string Line => "VTY " + Vty.ToString(CultureInfo.InvariantCulture);

    public LoginRequest Request { get; }

    public string UserName => Request.UserName;

    public DateTimeOffset Since { get; }

    /// <summary>Time since the user last typed (the idle column of <c>display users</c>).</summary>
    public TimeSpan Idle => _time.GetUtcNow() - new DateTimeOffset(Interlocked.Read(ref _lastInputTicks), TimeSpan.Zero);

    /// <summary>Called by the session on every key.</summary>
    public void Touch() => Interlocked.Exchange(ref _lastInputTicks, _time.GetUtcNow().UtcTicks);

    /// <summary>The record displays print.</summary>
    public LoginSessionInfo ToInfo() => new(Line, UserName, Request.Remote?.Address.ToString() ?? "", Since, Request.Protocol, Request.Cipher, Request.Mac)
    {
        Idle = Idle,
    };

    public void Dispose() => _table.Close(this);
}
