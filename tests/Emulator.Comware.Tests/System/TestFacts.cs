namespace Emulator.Comware.Tests.Management;

internal static class TestFacts
{
    public static DeviceFacts For(ComwareDialect dialect) => dialect == ComwareDialect.V5 ? V5 : V7;

    public static DeviceFacts V5 { get; } = new()
    {
        Model = "SecPath F1000-E",
        Dialect = ComwareDialect.V5,
        DefaultSysname = "H3C",
        SoftwareVersion = "5.20",
        Release = "Release 3177",
        CopyrightYears = "2004-2011",
        Hardware = new HardwareFacts
        {
            Cpu = "RMI XLS408 800MHz",
            MemoryMb = 1024,
            FlashMb = 4,
            BootRomVersion = "1.18",
            PcbVersion = "Ver.B",
            CpldVersion = "1.0",
            SerialNumber = "210235A0CAB118000042",
            BaseMacAddress = "3822-d6a0-1b2c",
            ManufacturingDate = "2011-08-16",
            Boards = [new BoardFacts(0, 0, "SecPath F1000-E", "Normal", "210235A0CAB118000042")],
        },
        Interfaces = [new InterfaceFacts("GigabitEthernet0/0"), new InterfaceFacts("GigabitEthernet0/1"), new InterfaceFacts("GigabitEthernet0/2"), new InterfaceFacts("GigabitEthernet0/3")],
    };

    public static DeviceFacts V7 { get; } = new()
    {
        Model = "SecPath F1000-AI-20",
        Dialect = ComwareDialect.V7,
        DefaultSysname = "H3C",
        SoftwareVersion = "7.1.064",
        Release = "Release 9333P26",
        CopyrightYears = "2004-2021",
        Hardware = new HardwareFacts
        {
            Cpu = "4 Cores CPU",
            MemoryMb = 4096,
            FlashMb = 8192,
            BootRomVersion = "1.07",
            PcbVersion = "VER.A",
            CpldVersion = "002",
            SerialNumber = "219801A2YH8213Q0008K",
            BaseMacAddress = "74ea-c8b2-0e00",
            ManufacturingDate = "2021-04-12",
            Boards = [new BoardFacts(1, 0, "F1000-AI-20", "Normal", "219801A2YH8213Q0008K")],
        },
        Interfaces = [new InterfaceFacts("GigabitEthernet1/0/0"), new InterfaceFacts("GigabitEthernet1/0/1")],
    };
}
