Console.Error.WriteLine("The SmartServer simulator's command line is not wired yet.");
return 2;
