-- An evaluation that ended before any test sample was scored names no device: null, not '?'.
update evaluation set device = null where device = '?';
