print("netconv")
