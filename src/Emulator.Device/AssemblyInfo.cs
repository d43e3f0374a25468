namespace Emulator.Device;
