namespace Emulator.Ssh.Auth;

/// <summary>
/// What one user name has achieved on this connection. A request for another user name starts a fresh state,
/// so nothing one name proved can leak to another.
/// </summary>
internal sealed class AuthState
{
    private readonly HashSet<string> _satisfied = new(StringComparer.Ordinal);

    public AuthState(string userName, AuthenticationPolicy policy)
    {
        UserName = userName;
        Policy = policy;
    }

    public string UserName { get; }

    public AuthenticationPolicy Policy { get; }

    /// <summary>Methods that may be tried now: any single sufficient method, plus the required ones not yet passed.</summary>
    public IReadOnlyList<string> AllowedMethods
    {
        get
        {
            var list = new List<string>(Policy.AnyOf.Count + Policy.AllOf.Count);
            foreach (var method in Policy.AnyOf)
            {
                if (!list.Contains(method))
                {
                    list.Add(method);
                }
            }

            foreach (var method in Policy.AllOf)
            {
                if (!_satisfied.Contains(method) && !list.Contains(method))
                {
                    list.Add(method);
                }
            }

            return list;
        }
    }

    public bool IsAllowed(string method) => AllowedMethods.Contains(method);

    /// <summary>Whether a required method was passed (partial success): only then may answers depend on the user.</summary>
    public bool HasPartialSuccess => _satisfied.Count > 0;

    /// <summary>Records a passed method and tells whether the user is now fully authenticated (false: partial success).</summary>
    public bool Pass(string method)
    {
        if (Policy.AnyOf.Contains(method))
        {
            return true;
        }

        _satisfied.Add(method);
        return Policy.AllOf.All(_satisfied.Contains);
    }
}
