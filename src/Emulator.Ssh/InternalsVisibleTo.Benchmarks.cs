using System.Runtime.CompilerServices;

// bench/Emulator.Benchmarks measures the packet ciphers and key exchanges, which are internal by design.
[assembly: InternalsVisibleTo("Emulator.Benchmarks")]
