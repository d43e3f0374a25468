using Emulator.Ssh.Kex;

namespace Emulator.Ssh.Tests.Kex;

/// <summary>
/// Which exchanges leave the socket I/O thread before computing (see <see cref="KexTable.IsExpensive"/>): every method
/// and host key algorithm the server knows is classified here, so a new one needs a decision.
/// </summary>
public sealed class ExpensiveExchangeTests
{
    // Elliptic curves (and ML-KEM with X25519): about 0.1 ms, computed where the packet was read.
    private static readonly string[] s_cheap =
    [
        "mlkem768x25519-sha256", "curve25519-sha256", "curve25519-sha256@libssh.org",
        "ecdh-sha2-nistp256", "ecdh-sha2-nistp384", "ecdh-sha2-nistp521",
    ];

    [Fact]
    public void Finite_field_diffie_hellman_is_expensive_and_elliptic_curves_are_not()
    {
        Assert.Subset(KexTable.Names.ToHashSet(), s_cheap.ToHashSet());
        foreach (var name in KexTable.Names)
        {
            Assert.True(KexTable.IsExpensive(name, "ssh-ed25519") != s_cheap.Contains(name), name);
        }
    }

    [Theory]
    [InlineData("ssh-ed25519", false)]
    [InlineData("ecdsa-sha2-nistp256", false)]
    [InlineData("ecdsa-sha2-nistp384", false)]
    [InlineData("ecdsa-sha2-nistp521", false)]
    [InlineData("rsa-sha2-256", true)]
    [InlineData("rsa-sha2-512", true)]
    [InlineData("ssh-rsa", true)]
    [InlineData("ssh-dss", true)]
    public void Rsa_and_dsa_signatures_are_expensive(string hostKeyAlgorithm, bool expensive) =>
        Assert.Equal(expensive, KexTable.IsExpensive("curve25519-sha256", hostKeyAlgorithm));
}
