using Emulator.Comware.Engine;

namespace Emulator.Comware.Runtime;

/// <summary>The views a session is in, user view at the bottom (Comware's <c>quit</c> pops one, <c>return</c> all but one).</summary>
public sealed class ViewPath
{
    private readonly List<ViewInstance> _views = [];

    public ViewPath(ViewInstance user) => _views.Add(user);

    public ViewInstance Current => _views[^1];

    public int Depth => _views.Count;

    public IReadOnlyList<ViewInstance> Views => _views;

    public void Push(ViewInstance view) => _views.Add(view);

    /// <summary>Leaves the current view; false in user view (where <c>quit</c> ends the session instead).</summary>
    public bool Pop()
    {
        if (_views.Count == 1)
        {
            return false;
        }

        _views.RemoveAt(_views.Count - 1);
        return true;
    }

    public void TruncateTo(int depth) => _views.RemoveRange(depth, _views.Count - depth);

    public void ReturnToUserView() => TruncateTo(1);
}
