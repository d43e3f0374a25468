using System.Globalization;
using System.Text.RegularExpressions;
using Emulator.Comware;
using Emulator.Comware.Model.Management;
using Emulator.Device.Yaml;
using Emulator.Ssh;
using YamlDotNet.RepresentationModel;

namespace Emulator.Device.Profiles;

/// <summary>
/// Turns one merged profile tree into a <see cref="DeviceProfile"/>, recording every problem in the
/// context. Abstract profiles are checked for key names and types only; models must be complete.
/// </summary>
internal static partial class ProfileReader
{
    private static readonly string[] _v5Services = ["ssh", "telnet", "terminal", "ftp", "web", "lan-access", "portal", "ppp"];
    private static readonly string[] _v7Services = ["ssh", "telnet", "terminal", "ftp", "http", "https", "lan-access", "portal", "ppp", "pad"];

    [GeneratedRegex(@"^[A-Za-z][A-Za-z-]*\d+(/\d+)*\z")]
    private static partial Regex InterfaceName();

    [GeneratedRegex(@"^(?<prefix>[A-Za-z][A-Za-z-]*(\d+/)*)(?<first>\d+)-(?<last>\d+)\z")]
    private static partial Regex InterfaceRange();

    [GeneratedRegex(@"^SSH-(2\.0|1\.99)-[\x21-\x7E]+( [\x20-\x7E]*)?\z")]
    private static partial Regex Identification();

    [GeneratedRegex(@"^\d+\.\d+(\.\d+)?\z")]
    private static partial Regex SoftwareVersion();

    [GeneratedRegex(@"^1\.3\.6\.1\.4\.1\.25506(\.[0-9]{1,9}){1,20}\z")]
    private static partial Regex SysObjectId();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_.@()-]{0,54}\z")]
    private static partial Regex UserName();

    public static DeviceProfile? Read(YamlContext context, string name, string sourceFile, YamlNode root, bool isAbstract)
    {
        if (MapReader.For(context, root, $"profile '{name}'", requireFields: !isAbstract) is not { } top)
        {
            return null;
        }

        var errorsBefore = context.Errors.Count;
        top.Bool("abstract", required: false);
        top.Raw("extends");
        var model = top.String("model", true, "the model name as display version prints it, e.g. 'SecPath F1000-E'");
        var family = top.String("family", true, "the product family, e.g. 'SecPath F1000 (V5)'");
        top.String("description", false, "a one-line description");
        var dialect = ReadDialect(top);
        var (version, release, years) = ReadSoftware(top);
        var sysname = top.String("sysname", true, "the default sysname, e.g. H3C");
        if (sysname is not null && (sysname.Length is 0 or > 30 || sysname.Any(char.IsWhiteSpace)))
        {
            top.Error(top.Raw("sysname")!, "'sysname' must be 1 to 30 characters without spaces");
        }

        var vtyLines = top.Int("vty-lines", true, 1, 512, "the number of VTY user lines (V5 SecPath: 5, V7: 64)");
        var uptime = ReadUptime(top);
        var hardware = ReadHardware(top);
        var ssh = ReadSsh(top);
        var interfaces = ReadInterfaces(top);
        var users = ReadUsers(top, dialect);
        var config = top.String("default-configuration", true, "the factory configuration as Comware text (a | block)");
        var recorded = ReadRecordedOutputs(top);
        var sysObjectId = top.String("sys-object-id", false, "the SNMP sysObjectID under 1.3.6.1.4.1.25506 (HH3C-PRODUCT-ID-MIB)");
        if (sysObjectId is not null && !SysObjectId().IsMatch(sysObjectId))
        {
            top.Error(top.Raw("sys-object-id")!, $"'sys-object-id' must be an OID under 1.3.6.1.4.1.25506, found '{sysObjectId}'");
        }

        top.Complete();

        if (isAbstract || context.Errors.Count > errorsBefore)
        {
            return null;
        }

        return new DeviceProfile
        {
            Name = name,
            SourceFile = sourceFile,
            Model = model!,
            Family = family!,
            Dialect = dialect!.Value,
            SoftwareVersion = version!,
            Release = release!,
            CopyrightYears = years!,
            DefaultSysname = sysname!,
            VtyLines = vtyLines!.Value,
            UptimeBase = uptime ?? TimeSpan.Zero,
            Hardware = hardware!,
            Ssh = ssh!,
            Interfaces = interfaces ?? [],
            Users = users ?? [],
            DefaultConfiguration = config!,
            RecordedOutputs = recorded,
            SysObjectId = sysObjectId ?? DeviceProfile.H3cProductIdRoot,
        };
    }

    /// <summary>
    /// <c>recorded-outputs:</c> command line → the text a real device printed for it (from <c>emulator record</c> or
    /// by hand). Keys are display commands of plain words; whitespace is normalised.
    /// </summary>
    private static IReadOnlyDictionary<string, string> ReadRecordedOutputs(MapReader top)
    {
        if (top.Map("recorded-outputs", false, "command line: output text") is not { } map)
        {
            return RecordedOutputs.None;
        }

        var outputs = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var key in map.Node.Children.Keys.OfType<YamlDotNet.RepresentationModel.YamlScalarNode>())
        {
            if (key.Value is not { } command || map.String(command, true, "the output text (a | block)") is not { } text)
            {
                continue;
            }

            if (RecordedOutputs.Normalize(command) is { } normalized)
            {
                outputs[normalized] = text;
            }
            else
            {
                map.Error(key, $"recorded command '{command}' must be 2 to 16 plain words starting with display (no | filter, no braces or brackets)");
            }
        }

        return outputs;
    }

    private static ComwareDialect? ReadDialect(MapReader top)
    {
        var text = top.String("dialect", true, "V5 or V7");
        switch (text)
        {
            case null:
                return null;
            case "V5" or "v5":
                return ComwareDialect.V5;
            case "V7" or "v7":
                return ComwareDialect.V7;
            default:
                top.Error(top.Raw("dialect")!, $"'dialect' must be V5 or V7, found '{text}'");
                return null;
        }
    }

    private static (string? Version, string? Release, string? Years) ReadSoftware(MapReader top)
    {
        if (top.Map("software", true, "Comware version and release") is not { } sw)
        {
            return default;
        }

        var version = sw.String("version", true, "the Comware version, e.g. \"5.20\" or \"7.1.064\"");
        if (version is not null && !SoftwareVersion().IsMatch(version))
        {
            sw.Error(sw.Raw("version")!, $"'version' must look like 5.20 or 7.1.064, found '{version}'");
        }

        var release = sw.String("release", true, "the release number without the word Release, e.g. \"3177\"");
        var years = sw.String("copyright-years", true, "years in the login banner, e.g. 2004-2011");
        sw.Complete();
        return (version, release, years);
    }

    private static TimeSpan? ReadUptime(MapReader top)
    {
        var text = top.String("uptime-base", false, "a duration d.hh:mm:ss");
        if (text is null)
        {
            return null;
        }

        if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var value) && value >= TimeSpan.Zero)
        {
            return value;
        }

        top.Error(top.Raw("uptime-base")!, $"'uptime-base' must be a duration d.hh:mm:ss, found '{text}'");
        return null;
    }

    private static HardwareFacts? ReadHardware(MapReader top)
    {
        if (top.Map("hardware", true, "hardware facts") is not { } hw)
        {
            return null;
        }

        var vendor = hw.String("vendor", false, "the vendor name, e.g. H3C");
        var cpu = hw.String("cpu", true, "the CPU line of display version");
        var memory = hw.Int("memory-mb", true, 16, 1 << 20, "the memory size in MB");
        var flash = hw.Int("flash-mb", true, 1, 1 << 20, "the flash size in MB");
        var medium = hw.String("storage-medium", true, "the storage device name without the colon: cfa0 (CF card) or flash");
        if (medium is not null && (medium.Length is 0 or > 16 || !medium.All(char.IsAsciiLetterOrDigit)))
        {
            hw.Error(hw.Raw("storage-medium")!, $"'storage-medium' must be a device name such as cfa0 or flash, found '{medium}'");
            medium = null;
        }

        var pcb = hw.String("pcb", true, "the PCB version, e.g. Ver.B");
        var cpld = hw.String("cpld", true, "the CPLD version, e.g. \"1.0\"");
        var bootrom = hw.String("bootrom", true, "the BootROM version, e.g. \"1.18\"");
        var serial = Pattern(hw, "serial-number", "a serial number pattern, e.g. 210235A0{digits:10}");
        var mac = Pattern(hw, "base-mac", "a MAC address pattern xxxx-xxxx-xxxx, e.g. 3822-d6{hex:2}-{hex:4}");
        if (mac is not null && !DeviceIdentity.IsMac(DeviceIdentity.Expand(mac, "check", "mac")))
        {
            hw.Error(hw.Raw("base-mac")!, $"'base-mac' must expand to xxxx-xxxx-xxxx in lower-case hex, found '{mac}'");
        }

        var date = hw.String("manufacturing-date", true, "a date yyyy-mm-dd");
        if (date is not null && !DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            hw.Error(hw.Raw("manufacturing-date")!, $"'manufacturing-date' must be a date yyyy-mm-dd, found '{date}'");
        }

        var boards = hw.MapList("boards", false, "board (slot, sub-slot, type, status)", b =>
        {
            var slot = b.Int("slot", true, 0, 64, "a slot number");
            var sub = b.Int("sub-slot", false, 0, 64, "a sub-slot number");
            var type = b.String("type", true, "the board type");
            var status = b.String("status", false, "Normal, Absent, Fault ...");
            return slot is null || type is null ? null : new BoardFacts(slot.Value, sub ?? 0, type, status ?? "Normal", "");
        });
        var fans = hw.Int("fans", false, 0, 32, "the number of fans display fan lists");
        var supplies = hw.Int("power-supplies", false, 0, 16, "the number of power supply bays");
        var present = hw.Int("power-supplies-present", false, 0, 16, "the number of bays holding a working supply");
        var sensors = hw.StringList("temperature-sensors", false, "a list of sensor names, e.g. [hotspot 1]");
        var temperature = hw.Int("temperature-c", false, -40, 120, "the temperature the sensors read, in degrees Celsius");
        var images = hw.StringList("boot-images", false, "a list of boot image file names, e.g. [f1000e-cmw520-r3177.bin]");
        var imageSizes = hw.StringList("boot-image-sizes", false, "a list of image sizes in bytes, in the order of boot-images, e.g. [31457280]");
        var storageMb = hw.Int("storage-mb", false, 1, 1 << 20, "the size of the storage medium (cfa0: or flash:) in MB; default flash-mb");
        var sizes = new List<long>();
        foreach (var size in imageSizes ?? [])
        {
            if (long.TryParse(size.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var bytes) && bytes is > 0 and <= 1L << 40)
            {
                sizes.Add(bytes);
            }
            else
            {
                hw.Error(hw.Raw("boot-image-sizes")!, $"'boot-image-sizes' must list sizes in bytes (1 to 2^40), found '{size.Value}'");
            }
        }

        if (supplies is { } bays && present is { } working && working > bays)
        {
            hw.Error(hw.Raw("power-supplies-present")!, $"'power-supplies-present' ({working}) cannot exceed 'power-supplies' ({bays})");
        }

        hw.Complete();
        if (cpu is null || memory is null || flash is null || medium is null || pcb is null || cpld is null || bootrom is null || serial is null || mac is null || date is null)
        {
            return null;
        }

        return new HardwareFacts
        {
            Cpu = cpu,
            MemoryMb = memory.Value,
            FlashMb = flash.Value,
            StorageMedium = medium,
            PcbVersion = pcb,
            CpldVersion = cpld,
            BootRomVersion = bootrom,
            SerialNumber = serial,
            BaseMacAddress = mac,
            ManufacturingDate = date,
            VendorName = vendor ?? "H3C",
            Boards = boards ?? [],
            Fans = fans ?? 2,
            PowerSupplies = supplies ?? 2,
            PowerSuppliesPresent = present ?? Math.Min(1, supplies ?? 2),
            TemperatureSensors = sensors is null ? ["hotspot 1"] : [.. sensors.Select(x => x.Value)],
            TemperatureC = temperature ?? 38,
            BootImages = images is null ? [] : [.. images.Select(x => x.Value)],
            BootImageSizes = sizes,
            StorageMb = storageMb ?? 0,
        };
    }

    private static string? Pattern(MapReader map, string key, string expected)
    {
        var value = map.String(key, true, expected);
        if (value is not null && DeviceIdentity.CheckPattern(value) is { } problem)
        {
            map.Error(map.Raw(key)!, $"'{key}': {problem}, found '{value}'");
            return null;
        }

        return value;
    }

    private static SshProfile? ReadSsh(MapReader top)
    {
        if (top.Map("ssh", true, "SSH server facts") is not { } ssh)
        {
            return null;
        }

        var id = ssh.String("identification", true, "the SSH identification string, e.g. SSH-1.99-Comware-5.20");
        if (id is not null && (id.Length > 253 || !Identification().IsMatch(id)))
        {
            ssh.Error(ssh.Raw("identification")!, $"'identification' must be SSH-2.0-<software> or SSH-1.99-<software> in printable ASCII without spaces before the comment (RFC 4253 4.2; Comware itself uses a minus sign in the software part), found '{id}'");
            id = null;
        }

        SshAlgorithmLists? lists = null;
        if (ssh.Map("algorithms", true, "KEXINIT algorithm lists") is { } alg)
        {
            var kex = Names(alg, "kex", SshAlgorithmKind.KeyExchange, "key exchange");
            var hostKey = Names(alg, "host-key", SshAlgorithmKind.HostKey, "host key");
            var ciphers = Names(alg, "ciphers", SshAlgorithmKind.Cipher, "cipher");
            var macs = Names(alg, "macs", SshAlgorithmKind.Mac, "MAC");
            var compression = Names(alg, "compression", SshAlgorithmKind.Compression, "compression");
            alg.Complete();
            if (kex is not null && hostKey is not null && ciphers is not null && macs is not null && compression is not null)
            {
                lists = new SshAlgorithmLists(kex, hostKey, ciphers, macs, compression);
            }
        }

        var keys = ssh.MapList("host-keys", true, "host key (type, bits)", k =>
        {
            var type = k.String("type", true, "ssh-rsa, ssh-dss, ecdsa-sha2-nistp256/384/521 or ssh-ed25519");
            if (type is null)
            {
                return null;
            }

            if (!HostKeyTypes.IsKnown(type))
            {
                k.Error(k.Raw("type")!, $"unknown host key type '{type}'; expected one of: {string.Join(", ", HostKeyTypes.All)}");
                return null;
            }

            var bits = k.Int("bits", false, 256, 16384, "the key size in bits") ?? HostKeyTypes.DefaultBits(type);
            if (HostKeyTypes.CheckBits(type, bits) is { } allowed)
            {
                k.Error(k.Raw("bits") ?? k.Node, $"{type} key size must be {allowed}, found {bits}");
                return null;
            }

            return new HostKeySpec(type, bits);
        });

        if (keys is not null)
        {
            var duplicate = keys.GroupBy(k => k.KeyType).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null)
            {
                ssh.Error(ssh.Raw("host-keys")!, $"host key type '{duplicate.Key}' is listed twice");
            }

            // An algorithm whose key type is not in the factory set is offered once `public-key local create` makes
            // that key (V5: ssh-dss after `public-key local create dsa`); but a fresh device must offer something.
            if (lists is not null && !lists.HostKey.Any(a => HostKeyTypes.KeyTypeFor(a) is { } needed && keys.Any(k => k.KeyType == needed)))
            {
                ssh.Error(ssh.Raw("host-keys")!, $"no host-key algorithm ({string.Join(", ", lists.HostKey)}) has a factory key in host-keys: a fresh device would offer no host key");
            }
        }

        var policyText = ssh.String("algorithm-policy", false, "device, modern or device+modern");
        var policy = AlgorithmPolicy.DeviceAndModern;
        if (policyText is not null && !AlgorithmPolicies.TryParse(policyText, out policy))
        {
            ssh.Error(ssh.Raw("algorithm-policy")!, $"'algorithm-policy' must be device, modern or device+modern, found '{policyText}'");
        }

        ssh.Complete();
        return id is null || lists is null || keys is null ? null : new SshProfile(id, lists, keys, policy);
    }

    // The SSH library's catalog is the one list of what the server can really negotiate.
    private static string[]? Names(MapReader alg, string key, SshAlgorithmKind kind, string what)
    {
        var items = alg.StringList(key, true, what + " algorithm names");
        if (items is null)
        {
            return null;
        }

        if (items.Count == 0)
        {
            alg.Error(alg.Raw(key)!, $"'{key}' must name at least one {what} algorithm");
        }

        var ok = true;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (value, node) in items)
        {
            if (!SshAlgorithmCatalog.IsSupported(kind, value))
            {
                alg.Error(node, $"unknown {what} algorithm '{value}'; expected one of: {string.Join(", ", SshAlgorithmCatalog.Names(kind))}");
                ok = false;
            }
            else if (!seen.Add(value))
            {
                alg.Error(node, $"{what} algorithm '{value}' is listed twice");
                ok = false;
            }
        }

        return ok ? [.. items.Select(i => i.Value)] : null;
    }

    private static List<InterfaceFacts>? ReadInterfaces(MapReader top)
    {
        var seen = new Dictionary<string, YamlNode>(StringComparer.OrdinalIgnoreCase);
        var result = new List<InterfaceFacts>();
        var items = top.MapList("interfaces", true, "interface (name or range, speed, media)", item =>
        {
            var name = item.String("name", false, "a full interface name, e.g. GigabitEthernet0/0");
            var range = item.String("range", false, "a port range, e.g. GigabitEthernet1/0/0-7");
            var speed = item.Int("speed", false, 10, 400000, "the speed in Mbit/s");
            var media = item.String("media", false, "copper, fiber or backplane");
            if (media is not null and not ("copper" or "fiber" or "backplane"))
            {
                item.Error(item.Raw("media")!, $"'media' must be copper, fiber or backplane, found '{media}'");
            }

            var names = new List<string>();
            if (name is not null == range is not null)
            {
                item.ErrorHere("an interface needs exactly one of 'name' or 'range'");
                return names;
            }

            if (name is not null)
            {
                if (!InterfaceName().IsMatch(name))
                {
                    item.Error(item.Raw("name")!, $"'{name}' is not an interface name like GigabitEthernet0/0");
                    return names;
                }

                names.Add(name);
            }
            // TryParse: a port number too large for an int is a bad range, not an OverflowException (found by fuzz/ profile-yaml).
            else if (InterfaceRange().Match(range!) is { Success: true } m
                && int.TryParse(m.Groups["first"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var first)
                && int.TryParse(m.Groups["last"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var last)
                && last >= first && last - first < 1024)
            {
                for (var i = first; i <= last; i++)
                {
                    names.Add(m.Groups["prefix"].Value + i.ToString(CultureInfo.InvariantCulture));
                }
            }
            else
            {
                item.Error(item.Raw("range")!, $"'{range}' is not a port range like GigabitEthernet1/0/0-7");
                return names;
            }

            var node = item.Raw(name is null ? "range" : "name")!;
            foreach (var n in names)
            {
                if (seen.TryGetValue(n, out var earlier))
                {
                    item.Error(node, $"duplicate interface '{n}' (already listed at line {earlier.Start.Line})");
                }
                else
                {
                    seen[n] = node;
                    result.Add(new InterfaceFacts(n, (speed ?? DefaultSpeed(n)).ToString(CultureInfo.InvariantCulture), media ?? "copper"));
                }
            }

            return names;
        });
        return items is null ? null : result;
    }

    private static int DefaultSpeed(string name) =>
        name.StartsWith("Ten-GigabitEthernet", StringComparison.Ordinal) ? 10000
        : name.StartsWith("FortyGigE", StringComparison.Ordinal) ? 40000
        : name.StartsWith("HundredGigE", StringComparison.Ordinal) ? 100000
        : 1000;

    private static List<ProfileUser>? ReadUsers(MapReader top, ComwareDialect? dialect)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var users = top.MapList("users", true, "user (name, password, level or role, services)", u => ReadUser(u, dialect, names));
        return users?.ToList();
    }

    /// <summary>Reads one user entry; shared with fleet files.</summary>
    internal static ProfileUser? ReadUser(MapReader u, ComwareDialect? dialect, HashSet<string> names)
    {
        var name = u.String("name", true, "the user name");
        var password = u.String("password", true, "the password in plain text");
        var level = u.Int("level", false, 0, 3, "a V5 privilege level 0-3");
        var role = u.String("role", false, "a user role, e.g. network-admin (V5 devices map it to a level)");
        var services = u.StringList("services", false, "service types, e.g. ssh");
        if (name is not null && !UserName().IsMatch(name))
        {
            u.Error(u.Raw("name")!, $"user name '{name}' must be 1 to 55 letters, digits or _.@()-");
            name = null;
        }
        else if (name is not null && !names.Add(name))
        {
            u.Error(u.Raw("name")!, $"user '{name}' is listed twice");
        }

        if (level is not null && role is not null)
        {
            u.Error(u.Raw("role")!, "give 'level' (V5) or 'role', not both");
        }

        if (dialect == ComwareDialect.V7 && level is not null)
        {
            u.Error(u.Raw("level")!, "'level' is a Comware V5 setting; V7 users have 'role' (e.g. network-admin)");
        }

        if (role is not null && !UserRoles.IsKnownRole(role))
        {
            u.Error(u.Raw("role")!, $"unknown role '{role}'; expected network-admin, network-operator, security-audit, context-admin or level-0 to level-15");
        }

        var allowed = dialect == ComwareDialect.V7 ? _v7Services : _v5Services;
        foreach (var (service, node) in services ?? [])
        {
            if (!allowed.Contains(service, StringComparer.Ordinal))
            {
                u.Error(node, $"unknown service type '{service}'; expected one of: {string.Join(", ", allowed)}");
            }
        }

        return name is null || password is null
            ? null
            : dialect == ComwareDialect.V5
                // A V5 device has levels, not roles: a portable role entry becomes the level the role stands for.
                ? new ProfileUser(name, password, level ?? (role is null ? 0 : UserRoles.LevelOfRole(role)), null, [.. (services ?? []).Select(s => s.Value)])
                : new ProfileUser(name, password, null, role, [.. (services ?? []).Select(s => s.Value)]);
    }
}
