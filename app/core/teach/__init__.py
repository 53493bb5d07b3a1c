"""Teaching the app the user's own labels from a few example photos each."""
