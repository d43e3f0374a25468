using System.Runtime.Versioning;

// The load generator and its suite are Linux tools (/proc, sshd); so are their tests.
[assembly: SupportedOSPlatform("linux")]
