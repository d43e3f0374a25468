Console.WriteLine("emulator host: not wired yet");
