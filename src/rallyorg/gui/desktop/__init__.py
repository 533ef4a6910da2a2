"""What people expect of a desktop app: its icon, a window that fits the screen and remembers
where it was, toolbars that fit a narrow window, File ▸ New / Open / Open Recent database,
files dropped on the window, and the Help menu's guide, licence and credits."""
