"""The writers of what leaves the program: PDF documents (ballots, covers, minutes), results files, the archive bundle."""
