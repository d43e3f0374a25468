namespace Emulator.Comware.Tests.Engine;

public class CommandLogRedactionTests
{
    [Theory]
    [InlineData("password simple secret", "password ******")]
    [InlineData("pass cipher $c$3$abc", "pass ******")]
    [InlineData("super password level 3 simple s3", "super password ******")]
    [InlineData("display version", "display version")]
    [InlineData("password", "password")]
    public void Passwords_never_reach_the_log(string line, string logged) =>
        Assert.Equal(logged, CliSession.RedactSecrets(line));
}
