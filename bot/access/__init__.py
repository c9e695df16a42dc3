"""Who may see candidates and salaries: the team's access rules."""
