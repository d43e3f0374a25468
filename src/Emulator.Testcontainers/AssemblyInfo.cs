namespace Emulator.Testcontainers;
