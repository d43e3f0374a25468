using BenchmarkDotNet.Running;

// Every class with [Benchmark] methods in this assembly; pass --filter, --job, --exporters as usual.
BenchmarkSwitcher.FromAssembly(typeof(Emulator.Benchmarks.HostKeySignBenchmarks).Assembly).Run(args);
