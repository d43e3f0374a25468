using System.Runtime.Versioning;

// The suite reads /proc and drives sshd, useradd and chpasswd: it is a Linux tool.
[assembly: SupportedOSPlatform("linux")]
